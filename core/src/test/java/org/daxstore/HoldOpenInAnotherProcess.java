package org.daxstore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A child process for tests: opens the store named by its argument, prints "open", and keeps
 * it open until its standard input closes. {@link #start} runs it and waits until the store is open.
 */
public final class HoldOpenInAnotherProcess implements AutoCloseable {
    private final Process holder;

    private HoldOpenInAnotherProcess(Process holder) {
        this.holder = holder;
    }

    public static void main(String[] args) throws IOException {
        try (DaxStore store = DaxStore.open(Path.of(args[0]))) {
            System.out.println("open");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the store until the parent closes the pipe
            }
        }
    }

    /**
     * Starts a JVM like this one that holds the store at {@code path} open, and returns once it
     * has opened it.
     *
     * @throws IllegalStateException if the child says anything else first (its output is the message)
     */
    public static HoldOpenInAnotherProcess start(Path path) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), HoldOpenInAnotherProcess.class.getName(),
                path.toString()));
        HoldOpenInAnotherProcess started = new HoldOpenInAnotherProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        String first = new BufferedReader(new InputStreamReader(started.holder.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"open".equals(first)) {
            started.close();
            throw new IllegalStateException("the holder of " + path + " did not open it: " + first);
        }
        return started;
    }

    /** Closes the child's standard input, so it closes the store and ends, and waits for it. */
    @Override
    public void close() throws IOException {
        holder.getOutputStream().close();
        try {
            if (!holder.waitFor(60, TimeUnit.SECONDS)) {
                holder.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        holder.getInputStream().close(); // the pipe is ours to close, not the reaper's to close later
    }
}
