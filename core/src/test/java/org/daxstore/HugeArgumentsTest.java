package org.daxstore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * No argument makes the store run out of heap: every public method whose allocation is sized
 * from an argument checks the argument first. Issue 11 found {@code map(0, 1L << 40)} throwing
 * {@link OutOfMemoryError} (a view's translation arrays take 16 bytes a page, allocated when it
 * is made) and {@code view.scope(0, 1L << 40, ...)} on a 4 KiB view allocating its page table
 * before it checked the range.
 *
 * <p>By reflection ({@link ApiMethods}): every public method of the API classes is called with
 * valid arguments but one, a huge or negative {@code int} or {@code long}, or a huge
 * {@link ByteBuffer} (a 2 GiB mapping of a sparse file), in each such parameter in turn. It must
 * return normally or throw a typed exception with a message naming the container and the file
 * (issue 11, second pass: these refusals said neither), never an {@link Error}, and
 * allocate at most {@value #MOST_BYTES} bytes of heap doing so: a method that allocated before
 * checking fails here even on a heap large enough to hold what it allocated.
 */
class HugeArgumentsTest {
    private static final long[] LONGS = {-1, Long.MIN_VALUE, 1L << 40, Long.MAX_VALUE};
    private static final int[] INTS = {-1, Integer.MIN_VALUE, Integer.MAX_VALUE};
    /** The most any of these calls needs: a refused one far less; {@code map(0, Integer.MAX_VALUE)} 8 MiB. */
    private static final long MOST_BYTES = 64 << 20;

    private static Path hugeFile;
    private static MappedByteBuffer huge;

    @BeforeAll
    static void mapAHugeSparseFile() throws IOException {
        hugeFile = TempStores.newContainerPath("huge-buffer-");
        try (FileChannel channel = FileChannel.open(hugeFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            huge = channel.map(FileChannel.MapMode.READ_WRITE, 0, Integer.MAX_VALUE);
        }
    }

    @AfterAll
    static void deleteIt() throws IOException {
        huge = null;
        Files.deleteIfExists(hugeFile);
    }

    @TestFactory
    Stream<DynamicNode> noArgumentMakesAMethodAllocateBeforeItIsChecked() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        return ApiMethods.API_CLASSES.stream().map(type -> dynamicContainer(type.getSimpleName(),
                ApiMethods.of(type).stream().filter(HugeArgumentsTest::hasASizedParameter).map(method ->
                        dynamicTest(ApiMethods.signature(type, method), () -> check(type, method, threads)))));
    }

    private static boolean hasASizedParameter(Method method) {
        return Stream.of(method.getParameterTypes()).anyMatch(t -> !badValues(t).isEmpty());
    }

    /** The values tried in a parameter of this type, made anew for each call. */
    private static List<Object> badValues(Class<?> type) {
        List<Object> values = new ArrayList<>();
        if (type == long.class) {
            for (long v : LONGS) {
                values.add(v);
            }
        } else if (type == int.class) {
            for (int v : INTS) {
                values.add(v);
            }
        } else if (type == ByteBuffer.class) {
            values.add(new ApiMethods.Fresh(() -> huge.duplicate()));
        }
        return values;
    }

    private static void check(Class<?> type, Method method, com.sun.management.ThreadMXBean threads) {
        String signature = ApiMethods.signature(type, method);
        Class<?>[] types = method.getParameterTypes();
        for (int at = 0; at < types.length; at++) {
            for (Object bad : badValues(types[at])) {
                Object[] arguments = ApiMethods.firstArguments(method);
                arguments[at] = bad;
                String call = signature.replaceFirst("\\(.*", "") + ApiMethods.describe(arguments);
                try (ApiFixture fixture = ApiFixture.open()) {
                    Object receiver = fixture.receiver(type, MapMode.READ_WRITE);
                    long id = Thread.currentThread().getId();
                    long before = threads.getThreadAllocatedBytes(id);
                    Throwable thrown = ApiMethods.call(method, receiver, arguments);
                    long allocated = threads.getThreadAllocatedBytes(id) - before;
                    if (thrown instanceof Error) {
                        throw new AssertionError(call + " threw " + thrown, thrown);
                    }
                    if (thrown != null && !(thrown instanceof IllegalArgumentException
                            || thrown instanceof IndexOutOfBoundsException || thrown instanceof DaxStoreException)) {
                        throw new AssertionError(call + " threw " + thrown + ", not a typed refusal", thrown);
                    }
                    assertTrue(thrown == null || thrown.getMessage() != null, call + ": " + thrown + " has no message");
                    if (thrown != null) {
                        String message = thrown.getMessage();
                        assertTrue(message.contains(fixture.path.toString()), call + ": " + thrown
                                + " does not name the container");
                        assertTrue(type == DaxStore.class || message.contains("'" + ApiFixture.FILE + "'"), call + ": "
                                + thrown + " does not name the file");
                    }
                    assertTrue(allocated <= MOST_BYTES, call + " allocated " + allocated + " bytes of heap"
                            + (thrown == null ? "" : " before it threw " + thrown));
                }
            }
        }
    }

    /**
     * Translation is allocated where pages are touched, so a view of any length up to the
     * largest file (2^34 pages of 4 KiB) costs at most its top array of 64 KiB until it is used,
     * one of 1 TiB 1 KiB (issue 12), and a touched page far into it one directory of 32 KiB (counting 8 bytes a reference) and
     * one leaf of 4 KiB.
     */
    @Test
    void aViewOfTheLargestFileIsCheapUntilTouched() {
        try (ApiFixture fixture = ApiFixture.open()) {
            long largest = org.daxstore.format.InodeFormat.MAX_FILE_SIZE;
            try (DaxMapping whole = fixture.file.map(0, largest)) {
                assertTrue(whole.translationBytes() <= (64 << 10) + 16, whole.translationBytes() + " bytes before any access");
                assertEquals(ApiFixture.FILL, whole.getByte(ApiFixture.FILE_BYTES - 1));
                fixture.file.truncate(largest);
                whole.putLong(largest - 8, 42);
                assertEquals(42, whole.getLong(largest - 8));
                try (DaxMapping tebibyte = fixture.file.map(0, 1L << 40)) {
                    assertTrue(tebibyte.translationBytes() <= 2 << 10, tebibyte.translationBytes() + " bytes for a 1 TiB view");
                }
                assertTrue(whole.translationBytes() <= (64 << 10) + 2 * (32 << 10) + 2 * (4 << 10) + 512,
                        whole.translationBytes() + " bytes after touching two pages");
            }
        }
    }
}
