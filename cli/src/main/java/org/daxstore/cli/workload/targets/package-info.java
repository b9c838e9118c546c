/**
 * What a workload runs against, one class per target: daxstore through a view
 * ({@link org.daxstore.cli.workload.targets.ViewTarget}), through access scopes
 * ({@link org.daxstore.cli.workload.targets.ScopeTarget}) and through positional I/O
 * ({@link org.daxstore.cli.workload.targets.PositionalTarget}), all three on one
 * {@link org.daxstore.cli.workload.targets.StoreFile}; and the baselines on a plain file beside it
 * ({@link org.daxstore.cli.workload.targets.PlainFile}): a raw mapping through core's
 * {@code media.MappedChunk} and {@code media.Memory}, as the bench's {@code RawMapping} does
 * ({@link org.daxstore.cli.workload.targets.RawMappingTarget}), a {@code MappedByteBuffer}
 * ({@link org.daxstore.cli.workload.targets.MappedBufferTarget}) and {@code FileChannel}
 * positional I/O ({@link org.daxstore.cli.workload.targets.FileChannelTarget}).
 *
 * <p>A target hands each worker thread its own {@link org.daxstore.cli.workload.targets.ThreadAccess}:
 * a buffer of the block size and whatever else one operation needs, made before the
 * measurement, so that an operation allocates nothing. Offsets are multiples of the block size,
 * a power of two of at most 2 MiB, so no operation crosses a 1 GiB mapping chunk.
 *
 * <p>Depends on core and the native bridge only; knows nothing of the loop, the options or the
 * output (the package {@code org.daxstore.cli.workload} above it does).
 */
package org.daxstore.cli.workload.targets;
