/**
 * daxstore's core: a file store inside one container file on persistent memory or tmpfs, with
 * direct mapped views. Only {@code org.daxstore}, the public API, is exported; every other
 * package (the media, the format, the allocator, the journal, the file system, the access
 * sections, the fault path, the checker) is internal.
 *
 * <p>This descriptor applies where the jar is on the module path (it sits in the jar's
 * {@code META-INF/versions/17}, compiled after the classes). On the class path, where the
 * repository's own tools, harnesses and benchmarks run, every package is reachable, as the
 * class path makes it; nothing outside this repository should rely on that.
 */
module org.daxstore.core {
    /** {@code AccessScope.bytesStore()} returns Chronicle's {@code BytesStore}. */
    requires transitive chronicle.bytes;
    /** The memory accesses of JDK 17 to 21 ({@code media.Memory}). */
    requires chronicle.core;
    /**
     * Chronicle Core logs through SLF4J, but as an automatic module it requires nothing, so
     * without this nothing would resolve {@code org.slf4j} and a scope's {@code bytesStore()}
     * would fail with {@code NoClassDefFoundError} on the module path.
     */
    requires org.slf4j;
    requires org.daxstore.nativebridge;
    /** {@code ExtendedMapMode}: {@code MAP_SYNC} mappings of DAX files. */
    requires jdk.nio.mapmode;
    /** {@code sun.misc.Unsafe}, through Chronicle, on JDK 17 to 21. */
    requires jdk.unsupported;
    /** The store's JFR events ({@code org.daxstore.events}). */
    requires jdk.jfr;
    /** Quiets Chronicle's cleaner log of a scope's bytes ({@code AccessScope}). */
    requires java.logging;

    exports org.daxstore;
}
