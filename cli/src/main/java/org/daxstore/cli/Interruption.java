package org.daxstore.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM during a campaign: stop the run first, clean up after it has stopped, and
 * report "interrupted" with the conventional status (128 + the signal's number: 130, 143).
 *
 * <p>The JVM's own reaction to those signals is to start its shutdown at once, and a campaign's
 * shutdown hook then removed the run's directory (the kernel oracle's plain files among it)
 * while the run was still going, so fsx reported a mismatch that never was. Here the signal
 * handler only asks the run to stop and kills this JVM's child processes (the kill campaign's
 * JVMs: a {@code kill} of this process does not reach them); the run notices at its next
 * progress report ({@link Stop#checking}), unwinds through its own {@code finally} blocks and
 * {@code close()}s (which remove its directory, now that nothing uses it), and the command
 * prints {@code <command>: interrupted by SIG<name>} as its last line, whatever the run made of
 * being stopped.
 *
 * <p>A run that does not stop within {@value #GRACE_SECONDS} s (on a loaded machine a crash
 * campaign's next progress report can be that far away), or a second signal, ends the JVM with
 * the same status and the same last line; its shutdown hooks (the run directories') then remove
 * what is left.
 */
final class Interruption {
    static final int GRACE_SECONDS = 20;
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private Interruption() {
    }

    /** The body of a campaign command, given the {@link Stop} to pass its runs. */
    @FunctionalInterface
    interface Body {
        int run(Stop stop) throws Exception;
    }

    /** Thrown from a progress report once a stop was asked for: unwinds the run. */
    static final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped(String signal) {
            super("interrupted by SIG" + signal);
        }
    }

    /** What a run sees of a signal: a flag, and progress reports that throw once it is set. */
    static final class Stop {
        private final PrintWriter out;
        private final String command;
        private volatile Signal signal;
        private boolean reported;

        Stop(PrintWriter out, String command) {
            this.out = out;
            this.command = command;
        }

        /** {@code progress}, throwing {@link Stopped} from the first report after a stop was asked for. */
        LongConsumer checking(LongConsumer progress) {
            return done -> {
                check();
                progress.accept(done);
            };
        }

        /** Throws {@link Stopped} if a stop was asked for: called between a run and the printing of its result. */
        void check() {
            Signal received = signal;
            if (received != null) {
                throw new Stopped(received.getName());
            }
        }

        Signal signal() {
            return signal;
        }

        /** Prints the last line, once, whichever of the command and the watchdog ends first. */
        synchronized void report(Signal received) {
            if (!reported) {
                reported = true;
                out.println(command + ": interrupted by SIG" + received.getName());
                out.flush();
            }
        }

        private synchronized void request(Signal received) {
            if (signal != null) {
                report(signal);
                System.exit(128 + signal.getNumber()); // the second signal: the user insists
            }
            signal = received;
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
            Thread watchdog = new Thread(() -> {
                try {
                    TimeUnit.SECONDS.sleep(GRACE_SECONDS);
                } catch (InterruptedException ended) {
                    return;
                }
                report(received);
                System.exit(128 + received.getNumber());
            }, "daxstore-interrupt-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    /**
     * Runs {@code body} with SIGINT and SIGTERM handled as above, and restores the handlers it
     * found afterwards (the commands also run inside test JVMs).
     *
     * @return the body's status, or 128 + the signal's number once a stop was asked for
     */
    static int run(PrintWriter out, String command, Body body) throws Exception {
        Stop stop = new Stop(out, command);
        List<Restore> previous = new ArrayList<>();
        try {
            for (String name : SIGNALS) {
                Signal signal = new Signal(name);
                previous.add(new Restore(signal, Signal.handle(signal, stop::request)));
            }
            int status;
            try {
                status = body.run(stop);
            } catch (Exception | Error e) {
                if (stop.signal() == null) {
                    throw e;
                }
                status = 0;
            }
            Signal received = stop.signal();
            if (received == null) {
                return status;
            }
            stop.report(received);
            return 128 + received.getNumber();
        } finally {
            previous.forEach(Restore::restore);
        }
    }

    private record Restore(Signal signal, SignalHandler handler) {
        void restore() {
            Signal.handle(signal, handler);
        }
    }
}
