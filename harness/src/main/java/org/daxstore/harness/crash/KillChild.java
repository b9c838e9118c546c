package org.daxstore.harness.crash;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

import org.daxstore.DaxStore;

/**
 * The child process of the kill campaign ({@link KillCampaign}): formats a store, runs a seeded
 * workload of {@link RandomOperations} on it and, after each operation has returned (with what
 * it wrote persisted), prints {@code done <n>} and flushes; {@code done 0} is the format. Then it
 * prints {@code finished} and waits, store open, until its parent kills it.
 *
 * <pre>
 *   java -cp CLASSPATH org.daxstore.harness.crash.KillChild CONTAINER SEED OPERATIONS CAPACITY
 * </pre>
 */
public final class KillChild {
    private KillChild() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: KillChild CONTAINER SEED OPERATIONS CAPACITY");
            System.exit(2);
        }
        Path container = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int operations = Integer.parseInt(args[2]);
        long capacity = Long.parseLong(args[3]);
        PrintStream out = System.out;
        DaxStore store = DaxStore.create(container, KillCampaign.storeOptions(capacity));
        out.println("done 0");
        out.flush();
        RandomOperations random = new RandomOperations(seed, KillCampaign.NAMES);
        StoreModel model = StoreModel.empty();
        for (int n = 1; n <= operations; n++) {
            Operation op = random.next(model);
            op.runOn(store);
            model = op.applyTo(model);
            out.println("done " + n);
            out.flush();
        }
        out.println("finished");
        out.flush();
        // Wait to be killed with the store open: the parent judges a crash after the last operation too.
        while (System.in.read() >= 0) {
            continue;
        }
        store.close();
    }
}
