package org.daxstore;

import java.nio.file.Path;

/**
 * The child process of {@link LockTest}: tries to open the store named by its argument and
 * exits 0 if it could, 3 if the store was locked, 4 on any other error.
 */
public final class OpenFromAnotherProcess {
    private OpenFromAnotherProcess() {
    }

    public static void main(String[] args) {
        try (DaxStore store = DaxStore.open(Path.of(args[0]))) {
            System.exit(0);
        } catch (StoreLockedException e) {
            System.out.println(e.getMessage());
            System.exit(3);
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.exit(4);
        }
    }
}
