package org.daxstore.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.daxstore.testing.Boundaries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of core ({@link Boundaries}) over everything this module's classes see
 * outside tests (core, native-bridge and the harnesses), and the harnesses' own: no cycle between
 * their packages, and nothing of core reaching up into them.
 */
class HarnessBoundaryTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // core's test-jar is on this module's test class path: its classes are tests too.
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar") && !location.contains("/test-classes/"))
                .importPackages("org.daxstore");
    }

    @Test
    void coreRulesHoldWithTheHarnessesOnTheClassPath() {
        Boundaries.NO_CYCLES_BETWEEN_CORE_PACKAGES.check(classes);
        Boundaries.INTERNAL_PACKAGES_USE_ONLY_THE_PUBLIC_EXCEPTIONS.check(classes);
        Boundaries.PUBLIC_EXCEPTIONS_DEPEND_ON_NOTHING_INTERNAL.check(classes);
        Boundaries.NATIVE_BRIDGE_DEPENDS_ON_NO_CORE_PACKAGE.check(classes);
        Boundaries.CORE_DEPENDS_ON_NO_HARNESS_CLI_OR_BENCH.check(classes);
        Boundaries.NO_TESTING_SYSTEM_PROPERTY.check(classes);
    }

    @Test
    void noCyclesBetweenHarnessPackages() {
        slices().matching("org.daxstore.harness.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theHarnessesDependOnNoToolBuiltOnThem() {
        noClasses().that().resideInAPackage("org.daxstore.harness..")
                .should().dependOnClassesThat().resideInAnyPackage("org.daxstore.cli..", "org.daxstore.bench..")
                .check(classes);
    }
}
