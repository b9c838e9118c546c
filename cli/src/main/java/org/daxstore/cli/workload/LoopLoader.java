package org.daxstore.cli.workload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.SplittableRandom;

import org.daxstore.cli.workload.targets.ThreadAccess;

/**
 * A class loader per job that defines its own copy of {@link Worker}, and nothing else, so that
 * every job's loop is compiled for its own target alone.
 *
 * <p>The JIT profiles a call site per method, not per caller: had all jobs run one
 * {@code Worker}, its call to {@code access.read} would see the view's class in the first job
 * and be compiled for it alone, inlined; the next targets would make it megamorphic, a virtual
 * call the later jobs pay and the first did not (a few ns, a tenth of a 64 B read), so the order
 * of the jobs would favour the first. JMH avoids the same with a JVM per benchmark; a loop of
 * its own is enough here, and costs a class definition and a compilation per job, inside the
 * warm-up. Everything else (the targets, core, the JDK) is the application's, shared.
 */
final class LoopLoader extends ClassLoader {
    private static final String WORKER = Worker.class.getName();
    private static final byte[] WORKER_BYTES = workerBytes();

    LoopLoader() {
        super(LoopLoader.class.getClassLoader());
    }

    /**
     * A new loop of this loader's copy of {@link Worker}.
     *
     * @throws IllegalStateException if the copy cannot be made (it is the same class file as
     *     {@code Worker}'s, so only a broken build makes it fail)
     */
    Loop newLoop(ThreadAccess access, SplittableRandom random, WorkloadSpec spec, int blockSize) {
        try {
            var constructor = loadClass(WORKER).getDeclaredConstructor(ThreadAccess.class, SplittableRandom.class,
                    WorkloadSpec.class, int.class);
            constructor.setAccessible(true); // Worker is package-private, and this copy's package is another runtime package
            return (Loop) constructor.newInstance(access, random, spec, blockSize);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("cannot make a loop: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot make a loop: " + e, e);
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(WORKER)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            return loaded != null ? loaded : defineClass(name, WORKER_BYTES, 0, WORKER_BYTES.length);
        }
    }

    private static byte[] workerBytes() {
        try (InputStream in = Worker.class.getResourceAsStream(Worker.class.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + WORKER);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class file of " + WORKER, e);
        }
    }
}
