package org.daxstore.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.junit.jupiter.api.Test;

/**
 * The workload engine's dependencies point one way: the command ({@code org.daxstore.cli})
 * uses the engine, never the other way round, and the engine knows nothing of picocli; inside
 * it, {@code fio} and {@code report} build on the engine, the engine on {@code targets}, and
 * {@code targets} on core alone; no cycle between them.
 */
class WorkloadBoundaryTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.daxstore.cli");

    @Test
    void theEngineKnowsNothingOfTheCommandOrPicocli() {
        noClasses().that().resideInAPackage("org.daxstore.cli.workload..")
                .should().dependOnClassesThat().resideInAPackage("org.daxstore.cli")
                .orShould().dependOnClassesThat().resideInAPackage("picocli..")
                .check(CLASSES);
    }

    @Test
    void theEnginesPackagesDependOneWay() {
        slices().matching("org.daxstore.cli.(**)").should().beFreeOfCycles().check(CLASSES);
        noClasses().that().resideInAnyPackage("org.daxstore.cli.workload", "org.daxstore.cli.workload.targets")
                .should().dependOnClassesThat().resideInAnyPackage("org.daxstore.cli.workload.fio..",
                        "org.daxstore.cli.workload.report..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.daxstore.cli.workload.targets")
                .should().dependOnClassesThat().resideInAPackage("org.daxstore.cli.workload")
                .check(CLASSES);
    }
}
