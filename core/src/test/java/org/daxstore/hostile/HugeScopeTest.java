package org.daxstore.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.daxstore.AccessScope;
import org.daxstore.DaxFile;
import org.daxstore.DaxMapping;
import org.daxstore.DaxStore;
import org.daxstore.DaxStoreException;
import org.daxstore.MapMode;
import org.daxstore.StoreOptions;
import org.daxstore.TempStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Access scopes of huge ranges of a large sparse file: a scope either works (every index reads
 * the file's bytes) or is refused with a typed exception; it must never read another file.
 */
class HugeScopeTest {
    private static final int PAGE = 4096;

    // FAILED BEFORE THE FIX: AccessScope counts its pages in an int ((int) (((position + length - 1) >>> shift)
    // - firstPage + 1)), so a scope of 2^44 + 4096 bytes (2^32 + 1 pages) gets a page table of ONE
    // page; commonOrigin(0, 0) then makes that page's origin the whole scope's origin, and
    // getLong(i) reads origin + i: the container's blocks after the scope's first block, here
    // another file's bytes (invariant 2), and further on memory outside the mapping (SIGSEGV).
    @Test
    void aScopeOfMoreThan2To32PagesNeverReadsAnotherFile() {
        Path path = TempStores.newContainerPath("hostile-scope");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20))) {
            DaxFile attacker = store.create("attacker");
            attacker.truncate(PAGE);
            attacker.write(0, new byte[] {1}); // its first block, then the victim's after it
            DaxFile victim = store.create("victim");
            byte[] secret = new byte[16 * PAGE];
            java.util.Arrays.fill(secret, (byte) 0xEE);
            victim.write(0, secret);

            long length = (1L << 44) + PAGE;
            attacker.truncate(length);
            try (DaxMapping view = attacker.map(0, length)) {
                AccessScope scope;
                try {
                    scope = view.scope(0, length, MapMode.READ_WRITE);
                } catch (DaxStoreException | IllegalArgumentException refused) {
                    return; // a typed refusal is a correct answer
                }
                long foreign = -1;
                long victimAt = -1;
                try (AccessScope open = scope) {
                    for (long page = 1; page < 256 && victimAt < 0; page++) {
                        long value = open.getLong(page * PAGE);
                        if (value != 0 && foreign < 0) {
                            foreign = page * PAGE;
                        }
                        if (value == 0xEEEEEEEEEEEEEEEEL) {
                            victimAt = page * PAGE;
                        }
                    }
                    if (victimAt >= 0) {
                        open.putLong(victimAt, 0x4141414141414141L); // the attacker's store...
                    }
                }
                {
                    byte[] back = new byte[secret.length];
                    victim.read(0, back);
                    boolean victimDamaged = !java.util.Arrays.equals(secret, back);
                    assertEquals(-1L, foreign, "a scope of " + length + " bytes of 'attacker' (holes but its first page) read"
                            + " non-zero bytes at scope index " + foreign + (victimAt >= 0 ? ", the victim file's bytes at index "
                            + victimAt : "") + (victimDamaged ? ", and a store there changed the victim file" : ""));
                }
            }
        } finally {
            TempStores.delete(path);
        }
    }

    // FAILED BEFORE THE FIX: a scope of 2^43 bytes (2^31 pages) throws NegativeArraySizeException from
    // AccessScope's constructor (the int page count wraps to -2^31); one of 2^40 bytes asks for a
    // page table of 2^28 longs (2 GiB): OutOfMemoryError or, if the heap has room, a 2 GiB
    // allocation no budget checked; one of 2^45 bytes (2^33 pages, wrapping to 0) opens its section,
    // then fails with ArrayIndexOutOfBoundsException (pages[-1] in pageOf) and leaves the section
    // open: the thread can then run no store operation (store.close() refuses with
    // IllegalStateException "this thread has an access scope of this store open"), and every
    // remover of the store waits for it. Bad input must get a typed exception (docs/DESIGN.md, section 1).
    @ParameterizedTest
    @ValueSource(longs = {1L << 40, 1L << 43, 1L << 45})
    void hugeScopesAreRefusedWithATypedException(long length) {
        Path path = TempStores.newContainerPath("hostile-scope");
        try (DaxStore store = DaxStore.create(path, StoreOptions.capacity(64L << 20))) {
            DaxFile file = store.create("f");
            file.truncate(1L << 46);
            try (DaxMapping view = file.map(0, 1L << 46)) {
                try (AccessScope scope = view.scope(0, length, MapMode.READ_ONLY)) {
                    assertEquals(0L, scope.getLong(length - 8));
                } catch (RuntimeException refused) {
                    boolean typed = refused instanceof DaxStoreException || refused instanceof IllegalArgumentException
                            || refused.getClass() == IndexOutOfBoundsException.class;
                    if (!typed) {
                        throw new AssertionError("scope(0, " + length + ") failed with an untyped " + refused, refused);
                    }
                }
            }
        } finally {
            TempStores.delete(path);
        }
    }
}
