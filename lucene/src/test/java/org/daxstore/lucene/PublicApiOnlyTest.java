package org.daxstore.lucene;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The directory is a client of the store like any other: it uses the public package
 * {@code org.daxstore} only, never the implementation's packages (which the core's module
 * descriptor does not export, so a modular user could not reach them either).
 */
class PublicApiOnlyTest {
    @Test
    void theDirectoryUsesOnlyThePublicPackageOfTheStore() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.daxstore.lucene");
        noClasses().that().resideInAPackage("org.daxstore.lucene..")
                .should().dependOnClassesThat(resideInAPackage("org.daxstore..")
                        .and(not(resideInAPackage("org.daxstore")))
                        .and(not(resideInAPackage("org.daxstore.lucene.."))))
                .because("org.daxstore.lucene may use org.daxstore, the public API, and nothing else of the store")
                .check(classes);
    }
}
