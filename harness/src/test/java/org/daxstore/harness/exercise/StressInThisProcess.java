package org.daxstore.harness.exercise;

import java.nio.file.Path;

/**
 * The child process of {@link ConcurrencyStressTest}, so that the test knobs (static finals read
 * from system properties) can be set for one run: prints the stress's summary line and report.
 * Arguments: directory, seed, seconds.
 */
public final class StressInThisProcess {
    private StressInThisProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        Stress.Options options = Stress.Options.defaults(Path.of(args[0]), Long.parseLong(args[1]), Double.parseDouble(args[2]));
        Stress.Result result = Stress.run(options, accesses -> { });
        if (result.report() != null) {
            System.out.print(result.report());
        }
        System.out.println("stress: " + result.accesses() + " accesses, " + result.events()
                + " truncate/punch events, " + result.violations() + " violations");
        System.exit(0);
    }
}
