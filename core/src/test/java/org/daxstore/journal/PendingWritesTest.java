package org.daxstore.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PendingWritesTest {
    /** Random transactions of random sizes, cleared between them, against a LinkedHashMap. */
    @Test
    void agreesWithAMapAcrossManyTransactions() {
        SplittableRandom random = new SplittableRandom(42);
        PendingWrites pending = new PendingWrites();
        for (int round = 0; round < 2_000; round++) {
            Map<Long, Long> expected = new LinkedHashMap<>();
            int writes = random.nextInt(random.nextBoolean() ? 8 : 600);
            for (int i = 0; i < writes; i++) {
                long offset = random.nextLong(4096) * 8;
                long value = random.nextLong();
                pending.put(offset, value);
                expected.put(offset, value);
            }
            assertEquals(expected.size(), pending.size());
            int i = 0;
            for (Map.Entry<Long, Long> entry : expected.entrySet()) {
                assertEquals(entry.getKey(), pending.offsetAt(i++), "insertion order");
                assertEquals(entry.getValue(), pending.get(entry.getKey()));
            }
            for (int probe = 0; probe < 100; probe++) {
                long offset = random.nextLong(4096) * 8;
                assertEquals(expected.containsKey(offset), pending.contains(offset), "offset " + offset + " in round " + round);
            }
            pending.clear();
        }
    }
}
