package org.daxstore;

import java.nio.file.Path;

import org.daxstore.harness.exercise.Fsx;

/**
 * The child process of {@link NoNativeBridgeTest}: prints the medium a new store gets and what
 * the kernel oracle says, runs the exerciser against the model, and exits 0 only if it found no
 * mismatch.
 */
public final class ExerciseInThisProcess {
    private ExerciseInThisProcess() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Path container = dir.resolve("probe-" + ProcessHandle.current().pid() + ".dax");
        try (DaxStore store = DaxStore.open(container, StoreOptions.capacity(4 << 20))) {
            System.out.println("medium: " + store.info().medium());
        } finally {
            container.toFile().delete();
        }
        try {
            Fsx.run(Fsx.Options.defaults(dir, 1, 10).withOracles(Fsx.Oracles.KERNEL), done -> { });
            System.out.println("kernel oracle: ran");
        } catch (IllegalArgumentException refused) {
            System.out.println("kernel oracle: " + refused.getMessage());
        }
        // the model only: the kernel oracle needs the native bridge (fallocate) that this process goes without
        Fsx.Options options = Fsx.Options.defaults(dir, Long.parseLong(args[1]), Long.parseLong(args[2]))
                .withOracles(Fsx.Oracles.MODEL);
        Fsx.Result result = Fsx.run(options, done -> { });
        if (result.failureReport() != null) {
            System.out.println(result.failureReport());
        }
        System.out.println("fsx: " + result.operations() + " ops, " + result.mismatches() + " mismatches");
        System.exit(result.mismatches() == 0 ? 0 : 1);
    }
}
