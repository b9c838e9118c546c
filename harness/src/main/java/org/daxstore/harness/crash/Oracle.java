package org.daxstore.harness.crash;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.daxstore.DaxFile;
import org.daxstore.DaxStore;

/**
 * Judges a store recovered from a crash inside one operation against the model's states before
 * and after it (docs/DESIGN.md section 7):
 * <ul>
 *   <li>the names and sizes of the files equal those of one of the two states, the same one for
 *       every file;</li>
 *   <li>every byte that state knows to be durable reads back, except inside the interrupted
 *       operation's own data range, where a byte may hold its value before or after the
 *       operation (data writes are not atomic, as with POSIX); there a byte past the file's old
 *       end counts as zero before, since the store zeroes what a file grows over. A byte that
 *       either state does not know is unconstrained.</li>
 * </ul>
 * A crash after an operation returned is judged with {@code before == after}: the operation must
 * have survived whole.
 */
final class Oracle {
    private Oracle() {
    }

    /** Null if {@code store} is an allowed outcome; otherwise what is wrong, in one paragraph. */
    static String judge(DaxStore store, StoreModel before, StoreModel after, Operation.DataRange range) {
        Map<String, Long> observed = namesAndSizes(store);
        String firstFailure = null;
        for (StoreModel candidate : before == after ? List.of(after) : List.of(after, before)) {
            if (!candidate.sameNamesAndSizes(observed)) {
                continue;
            }
            String failure = contentsDiffer(store, candidate, before, after, range);
            if (failure == null) {
                return null;
            }
            firstFailure = firstFailure != null ? firstFailure
                    : (candidate == after ? "the state after: " : "the state before: ") + failure;
        }
        if (firstFailure != null) {
            return firstFailure;
        }
        return "names and sizes " + observed + " are neither the state before " + before.describe()
                + " nor the state after " + after.describe();
    }

    static Map<String, Long> namesAndSizes(DaxStore store) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String name : store.list()) {
            sizes.put(name, store.stat(name).size());
        }
        return sizes;
    }

    private static String contentsDiffer(DaxStore store, StoreModel candidate, StoreModel before, StoreModel after,
            Operation.DataRange range) {
        byte[] page = new byte[FileImage.PAGE];
        for (Map.Entry<String, FileImage> entry : candidate.files().entrySet()) {
            String name = entry.getKey();
            FileImage expected = entry.getValue();
            String[] failure = {null};
            try (DaxFile file = store.openFile(name)) {
                expected.forEachKnownPage((offset, bytes, known) -> {
                    if (failure[0] == null) {
                        failure[0] = pageDiffers(file, name, offset, bytes, known, page, before, after, range);
                    }
                });
            }
            if (failure[0] != null) {
                return failure[0];
            }
        }
        return null;
    }

    private static String pageDiffers(DaxFile file, String name, long offset, byte[] bytes, BitSet known, byte[] page,
            StoreModel before, StoreModel after, Operation.DataRange range) {
        int length = (int) Math.min(FileImage.PAGE, file.size() - offset);
        if (length <= 0) {
            return null;
        }
        readFully(file, offset, page, length);
        // Compare runs of known bytes at memcmp speed; look at single bytes only where they differ.
        for (int from = known.nextSetBit(0); from >= 0 && from < length; from = known.nextSetBit(from)) {
            int to = Math.min(length, known.nextClearBit(from));
            int at = from;
            while (at < to) {
                int differs = java.util.Arrays.mismatch(page, at, to, bytes, at, to);
                if (differs < 0) {
                    break;
                }
                at += differs;
                long position = offset + at;
                boolean inRange = range != null && range.contains(name, position);
                if (!inRange || !eitherSide(page[at], name, position, before, after)) {
                    return "file '" + name + "' byte " + position + " reads " + page[at] + ", but " + bytes[at]
                            + " was durable there" + (inRange
                                    ? " (inside the interrupted operation's range, and not its old value either)" : "");
                }
                at++;
            }
            from = to;
        }
        return null;
    }

    /** Inside the interrupted operation's range: the old value (zero past the old end), the new one, or either unknown. */
    private static boolean eitherSide(byte value, String name, long position, StoreModel before, StoreModel after) {
        return matchesOrUnknown(value, before, name, position, true) || matchesOrUnknown(value, after, name, position, false);
    }

    private static boolean matchesOrUnknown(byte value, StoreModel state, String name, long position, boolean old) {
        if (!state.exists(name)) {
            return old && value == 0;
        }
        FileImage file = state.file(name);
        if (position >= file.size()) {
            return old && value == 0;
        }
        return !file.isKnown(position) || file.valueAt(position) == value;
    }

    private static void readFully(DaxFile file, long position, byte[] into, int length) {
        for (int done = 0; done < length; ) {
            int n = file.read(position + done, into, done, length - done);
            if (n < 0) {
                throw new IllegalStateException("file '" + file.name() + "' ends before byte " + (position + done));
            }
            done += n;
        }
    }
}
