package org.daxstore.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/** The tool in a child JVM, with this JVM's flags and class path: real standard streams, real signals. */
final class CliProcess {
    private CliProcess() {
    }

    static ProcessBuilder of(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), DaxstoreCli.class.getName()));
        command.addAll(args);
        return new ProcessBuilder(command);
    }
}
