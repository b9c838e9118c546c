package org.daxstore.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/**
 * The rules of the module and package structure (docs/DESIGN.md, "Modules and packages"), as
 * ArchUnit rules over the classes outside tests: core's own test runs them on core and
 * native-bridge, harness's on those and on the harnesses. The rule that the public API names no
 * internal type is {@code PublicApiNamesNoInternalTypeTest}, which looks at signatures.
 */
public final class Boundaries {
    /** The internal packages of core; the public one is {@code org.daxstore} itself. */
    public static final String[] CORE_INTERNAL = {"org.daxstore.alloc..", "org.daxstore.check..", "org.daxstore.events..", "org.daxstore.fault..",
        "org.daxstore.format..", "org.daxstore.fs..", "org.daxstore.journal..", "org.daxstore.media..", "org.daxstore.sync.."};

    /** No cycle between the internal packages of core. */
    public static final ArchRule NO_CYCLES_BETWEEN_CORE_PACKAGES = slices()
            .matching("org.daxstore.(*)..").namingSlices("$1")
            .that(com.tngtech.archunit.base.DescribedPredicate.describe("core's internal packages",
                    slice -> slice.stream().allMatch(c -> resideInCoreInternal(c))))
            .should().beFreeOfCycles().allowEmptyShould(false);

    /**
     * The internal packages depend on the public one for its exceptions only: they throw the
     * exceptions users catch, and nothing else of the root package (its options, its handles)
     * reaches into them. So the edges back to the root make no cycle of substance: the exceptions
     * depend on nothing internal (the next rule).
     */
    public static final ArchRule INTERNAL_PACKAGES_USE_ONLY_THE_PUBLIC_EXCEPTIONS = noClasses()
            .that().resideInAnyPackage(CORE_INTERNAL)
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "are of org.daxstore and not exceptions",
                    (JavaClass c) -> c.getPackageName().equals("org.daxstore") && !c.isAssignableTo(Throwable.class)));

    /** The public exceptions depend on nothing internal, so that the edges to them close no cycle. */
    public static final ArchRule PUBLIC_EXCEPTIONS_DEPEND_ON_NOTHING_INTERNAL = noClasses()
            .that().resideInAPackage("org.daxstore").and().areAssignableTo(Throwable.class)
            .should().dependOnClassesThat().resideInAnyPackage(CORE_INTERNAL);

    /** native-bridge sits below core: it knows nothing of the store. */
    public static final ArchRule NATIVE_BRIDGE_DEPENDS_ON_NO_CORE_PACKAGE = noClasses()
            .that().resideInAPackage("org.daxstore.nativebridge..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(CORE_INTERNAL, "org.daxstore"));

    /** core (the published jar) depends on none of the modules built on it. */
    public static final ArchRule CORE_DEPENDS_ON_NO_HARNESS_CLI_OR_BENCH = noClasses()
            .that().resideInAnyPackage(concat(CORE_INTERNAL, "org.daxstore"))
            .should().dependOnClassesThat().resideInAnyPackage("org.daxstore.harness..", "org.daxstore.cli..",
                    "org.daxstore.bench..", "org.daxstore.jcstress..");

    /**
     * No class outside the tests names a {@code daxstore.testing*} system property: such a
     * property once switched a safety off for every store of the JVM. Test switches are a
     * store's hooks (fs.StoreHooks). Read from the class file's constant pool, where any string
     * the class passes to {@code System.getProperty} or {@code Long.getLong} sits.
     */
    public static final ArchRule NO_TESTING_SYSTEM_PROPERTY = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
            .that().resideInAPackage("org.daxstore..")
            .should(new ArchCondition<JavaClass>("not name a daxstore.testing system property") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    if (classFileMentions(item, "daxstore.testing")) {
                        events.add(SimpleConditionEvent.violated(item, item.getName() + " names a daxstore.testing property"));
                    }
                }
            });

    private Boundaries() {
    }

    private static boolean resideInCoreInternal(JavaClass c) {
        String pkg = c.getPackageName();
        for (String p : CORE_INTERNAL) {
            String base = p.substring(0, p.length() - 2);
            if (pkg.equals(base) || pkg.startsWith(base + ".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean classFileMentions(JavaClass type, String text) {
        String resource = "/" + type.getName().replace('.', '/') + ".class";
        try (InputStream in = Boundaries.class.getResourceAsStream(resource)) {
            if (in == null) {
                return false;
            }
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).contains(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String[] concat(String[] packages, String more) {
        String[] all = java.util.Arrays.copyOf(packages, packages.length + 1);
        all[packages.length] = more;
        return all;
    }
}
