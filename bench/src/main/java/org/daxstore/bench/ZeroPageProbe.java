package org.daxstore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.daxstore.media.Memory;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.NativeCallException;

/**
 * The kernel facts the decision on optimistic loads rests on (FAULT-PATH.md, "Optimistic
 * loads"), observed on a tmpfs file in the benchmark directory: a stray load from a punched page
 * of a shared mapping allocates the page again; a load from a page covered by an anonymous
 * read-only mapping reads zeros and allocates nothing; every scattered cover adds two mappings;
 * and what fails when the process reaches {@code vm.max_map_count}.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar org.daxstore.bench.ZeroPageProbe [HEADROOM
 * [toTheLimit]]} prints the facts for 1 to 10,000 covered pages; with {@code HEADROOM} it also
 * fills the process's mappings to that many below the limit, and with {@code toTheLimit} beyond:
 * there the first mapping refused may be the JVM's own (heap, metaspace or code cache growth, a
 * thread stack, a malloc arena), not the cover's, and HotSpot aborts the process when a commit of
 * reserved memory is refused. On this machine (JDK 17) it did so at the first refusal: the cover
 * that took the process to the limit succeeded, and the next class load's metaspace commit ended
 * the JVM ("Native memory allocation (mmap) failed ... committing reserved memory"). So run it
 * only in a JVM of its own. {@code ZeroPageProbeTest} checks the facts, far from the limit.
 */
public final class ZeroPageProbe {
    private static final int PAGE = ZeroPageRemapBench.PAGE;

    private ZeroPageProbe() {
    }

    /** What {@link #facts} saw, with {@code pages} scattered pages covered; the map counts are of the container's range. */
    record Facts(int pages, int mapsBefore, int mapsCovered, int mapsUncovered, long allocatedBacked,
            long allocatedPunched, long allocatedAfterCoveredLoads, boolean coveredLoadsReadZero,
            long allocatedStrayPunched, long allocatedAfterStrayLoad, boolean strayLoadReadZero) {
    }

    /** The number of mappings of this process: lines of {@code /proc/self/maps}. */
    static int mapCount() throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return (int) lines.count();
        }
    }

    /**
     * The number of this process's mappings that overlap {@code [from, to)}: unlike
     * {@link #mapCount()}, not moved by the JVM's own threads mapping and unmapping meanwhile (a
     * GC or a compiler thread, once every few CI runs).
     */
    static int mapCount(long from, long to) throws IOException {
        try (var lines = Files.lines(Path.of("/proc/self/maps"))) {
            return (int) lines.filter(line -> {
                int dash = line.indexOf('-');
                int space = line.indexOf(' ');
                long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
                long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
                return Long.compareUnsigned(start, to) < 0 && Long.compareUnsigned(end, from) > 0;
            }).count();
        }
    }

    /** The kernel's limit on a process's mappings. */
    static long maxMapCount() throws IOException {
        // Files.readString sees a /proc file's size as 0 and, on JDK 17, returned only its first byte
        return Long.parseLong(Files.readAllLines(Path.of("/proc/sys/vm/max_map_count")).get(0).trim());
    }

    /** A tmpfs file mapped shared, backed or sparse; closing unmaps and deletes it. */
    private static final class Container implements AutoCloseable {
        final Path path;
        final int fd;
        final long length;
        final long base;

        /** A sparse container needs no storage for its covers, so it can be as large as the limit needs. */
        Container(long length, boolean backed) throws IOException {
            this.path = BenchFiles.newContainer("zero-probe-");
            Files.createFile(path);
            this.fd = LibC.open(path.toString(), LibC.O_RDWR);
            this.length = length;
            if (backed) {
                LibC.posixFallocate(fd, 0, length, path.toString());
            } else {
                try (var file = new java.io.RandomAccessFile(path.toFile(), "rw")) {
                    file.setLength(length);
                }
            }
            this.base = LibC.mmap(0, length, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_SHARED, fd, 0,
                    path.toString());
        }

        void cover(long offset) {
            checkInside(offset);
            LibC.mmap(base + offset, PAGE, LibC.PROT_READ, LibC.MAP_FIXED | LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS,
                    -1, 0, null);
        }

        void uncover(long offset) {
            checkInside(offset);
            LibC.mmap(base + offset, PAGE, LibC.PROT_READ | LibC.PROT_WRITE, LibC.MAP_FIXED | LibC.MAP_SHARED, fd,
                    offset, path.toString());
        }

        /** A page mapped with MAP_FIXED outside the container would replace some other mapping of the JVM. */
        private void checkInside(long offset) {
            if (offset < 0 || offset > length - PAGE) {
                throw new IllegalArgumentException("page at " + offset + " is outside the container's " + length + " bytes");
            }
        }

        @Override
        public void close() throws IOException {
            LibC.munmap(base, length);
            LibC.close(fd);
            Files.deleteIfExists(path);
        }
    }

    /**
     * Backs a file, covers {@code pages} pages (every other page, so that no two covers are
     * adjacent), punches them and loads from each; then loads once from a punched page that is
     * not covered (the hazard), and maps every covered page back.
     */
    static Facts facts(int pages) throws IOException {
        long length = (2L * pages + 2) * PAGE;
        try (Container c = new Container(length, true)) {
            for (long offset = 0; offset < length; offset += PAGE) {
                Memory.putLong(c.base + offset, offset | 1);
            }
            int before = mapCount(c.base, c.base + length);
            long backed = LibC.allocatedBytes(c.fd);
            for (int p = 0; p < pages; p++) {
                c.cover((2L * p + 1) * PAGE);
            }
            int coveredMaps = mapCount(c.base, c.base + length);
            for (int p = 0; p < pages; p++) {
                LibC.punchHole(c.fd, (2L * p + 1) * PAGE, PAGE, c.path.toString());
            }
            long punched = LibC.allocatedBytes(c.fd);
            boolean zero = true;
            for (int p = 0; p < pages; p++) {
                for (int word = 0; word < PAGE; word += Long.BYTES) {
                    zero &= Memory.getLong(c.base + (2L * p + 1) * PAGE + word) == 0;
                }
            }
            long afterCoveredLoads = LibC.allocatedBytes(c.fd);
            long stray = 2L * pages * PAGE; // never covered: the hazard an optimistic load would meet
            LibC.punchHole(c.fd, stray, PAGE, c.path.toString());
            long strayPunched = LibC.allocatedBytes(c.fd);
            long strayValue = Memory.getLong(c.base + stray);
            long afterStray = LibC.allocatedBytes(c.fd);
            for (int p = 0; p < pages; p++) {
                c.uncover((2L * p + 1) * PAGE);
            }
            int uncovered = mapCount(c.base, c.base + length);
            return new Facts(pages, before, coveredMaps, uncovered, backed, punched, afterCoveredLoads, zero,
                    strayPunched, afterStray, strayValue == 0);
        }
    }

    /**
     * Covers every other page of a sparse file until the process has {@code headroom} mappings
     * left below {@code vm.max_map_count}, printing the cost of a cover per 4096 covers (the
     * kernel's mapping tree grows); then, if {@code toTheLimit}, goes on until {@code mmap}
     * fails, printing each step first (on this machine the JVM itself crashed there, see the
     * class comment). Finally maps every covered page back and prints how long that took.
     */
    static void limit(int headroom, boolean toTheLimit) throws IOException {
        long max = maxMapCount();
        long length = (2 * max + 4) * PAGE;
        try (Container c = new Container(length, false)) {
            int before = mapCount();
            System.out.println("vm.max_map_count " + max + ", mappings before " + before);
            int covers = 0;
            long chunkStart = System.nanoTime();
            while (before + 2L * covers < max - headroom) {
                c.cover((2L * covers + 1) * PAGE);
                covers++;
                if (covers % 4096 == 0) {
                    long now = System.nanoTime();
                    System.out.printf("covers %d, mappings %d, %.2f us a cover%n", covers, mapCount(),
                            (now - chunkStart) / 4096 / 1e3);
                    chunkStart = System.nanoTime();
                }
            }
            System.out.println("stopped at " + covers + " covers, mappings " + mapCount());
            if (toTheLimit) {
                while (true) {
                    System.out.println("cover " + covers + " at mappings " + (before + 2L * covers));
                    System.out.flush();
                    try {
                        c.cover((2L * covers + 1) * PAGE);
                        covers++;
                    } catch (NativeCallException e) {
                        System.out.println("refused: " + e);
                        break;
                    }
                }
            }
            long start = System.nanoTime();
            for (int p = 0; p < covers; p++) {
                c.uncover((2L * p + 1) * PAGE);
            }
            System.out.printf("uncovering %d pages: %.2f us each; mappings now %d%n", covers,
                    (System.nanoTime() - start) / (double) covers / 1e3, mapCount());
        }
    }

    public static void main(String[] args) throws Exception {
        for (int pages : new int[] {1, 10, 100, 1000, 10000}) {
            System.out.println(facts(pages));
        }
        if (args.length > 0) {
            limit(Integer.parseInt(args[0]), args.length > 1 && args[1].equals("toTheLimit"));
        }
    }
}
