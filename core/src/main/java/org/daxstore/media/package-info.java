/**
 * The container's bytes mapped into this process, and their storage: the one place that maps,
 * flushes, preallocates and punches the container. Every load and store daxstore makes to
 * container memory goes through {@link Memory}, so the accesses that could fault sit in one class,
 * behind callers that have checked their bounds first. {@code Memory} and {@link MappedChunk} (one
 * JDK mapping, unmapped on close) have a second version for JDK 22 and later in the multi-release
 * jar, on the FFM API; {@link UnsafeMemoryAccess} is the Unsafe path {@code Memory} takes on 17 to 21
 * (docs/MEDIA.md, "Two memory paths").
 *
 * <p>{@link Medium} is what the store sees. {@link MediumSelector} picks {@link PmemMedium}
 * (libpmem) or {@link MappedMedium} ({@code FileChannel.map}) and says why; both share
 * {@code ContainerStorage} (preallocation, punching, allocated size). {@link ContainerFile} opens
 * the container and locks it against other users in this JVM (by {@link FileIdentity}, before
 * anything opens the file) and in other processes; {@link PositionalFile} reads and writes it
 * where no interrupt can close its descriptor.
 * {@link FlushPlan} merges ranges into few flush calls. {@link ImageReader} is how the checks read
 * an image, {@link PositionalImage} one read by pread. {@link ForwardingMedium} is the base of
 * medium decorators (a store's {@code fs.StoreHooks}); the crash harness's RecordingMedium, in the
 * harness module, is one.
 *
 * <p>Depends on native-bridge (LibC, NativeFile, FileMapping, Pmem, MediaProbe) and on
 * {@code org.daxstore} for its exceptions only ({@link MediumSelector.Choice} is its own). Used by
 * {@code org.daxstore}, alloc, check, fault, fs, journal, the harnesses and bench.
 *
 * <p>Before touching it: a block is backed before a file gets it, and only backed ranges are
 * flushed, because on tmpfs touching an unbacked page raises SIGBUS once the file system is full
 * (ContainerStorage's header); an image that may be damaged is never read through a mapping
 * (PositionalImage's header); an address is invalid after close, and the store, not the medium,
 * makes sure nobody uses one then (Medium's header). docs/MEDIA.md, "The store's media".
 */
package org.daxstore.media;
