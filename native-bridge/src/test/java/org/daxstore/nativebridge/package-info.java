/**
 * The tests of the native bindings against the real kernel and libraries: each libc call and its
 * errors ({@code LibCTest}, {@code NativeFileTest}, {@code MmapTest}, {@code StatxTest},
 * {@code MembarrierTest}), DAX detection and the mount table ({@code MediaProbeTest},
 * {@code MountTableTest}), loading with and without libpmem ({@code LoadingTest},
 * {@code PmemTest}, {@code PmemAbsentTest}, and {@code PmemChildTest} through the child
 * {@code PmemChild}, since libpmem reads its environment once per process). {@code RawMemory}
 * loads and stores at raw addresses for them.
 */
package org.daxstore.nativebridge;
