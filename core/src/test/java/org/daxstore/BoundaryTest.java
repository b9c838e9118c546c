package org.daxstore;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import org.daxstore.testing.Boundaries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules ({@link Boundaries}) over core and native-bridge, the classes outside tests.
 * Each rule was broken once on purpose and seen to fail (docs/TESTING.md).
 */
class BoundaryTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.daxstore");
    }

    @Test
    void noCyclesBetweenCorePackages() {
        Boundaries.NO_CYCLES_BETWEEN_CORE_PACKAGES.check(classes);
    }

    @Test
    void internalPackagesUseOnlyThePublicExceptions() {
        Boundaries.INTERNAL_PACKAGES_USE_ONLY_THE_PUBLIC_EXCEPTIONS.check(classes);
    }

    @Test
    void publicExceptionsDependOnNothingInternal() {
        Boundaries.PUBLIC_EXCEPTIONS_DEPEND_ON_NOTHING_INTERNAL.check(classes);
    }

    @Test
    void nativeBridgeDependsOnNoCorePackage() {
        Boundaries.NATIVE_BRIDGE_DEPENDS_ON_NO_CORE_PACKAGE.check(classes);
    }

    @Test
    void coreDependsOnNoHarnessCliOrBench() {
        Boundaries.CORE_DEPENDS_ON_NO_HARNESS_CLI_OR_BENCH.check(classes);
    }

    @Test
    void noClassNamesATestingSystemProperty() {
        Boundaries.NO_TESTING_SYSTEM_PROPERTY.check(classes);
    }
}
