package org.daxstore.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

import org.daxstore.NotAContainerException;
import org.daxstore.nativebridge.LibC;
import org.daxstore.nativebridge.MediaProbe;

/**
 * Which file a path names, found by {@code stat} alone: its device and inode
 * ({@link BasicFileAttributes#fileKey()}), so that every path to one file (a hard link, a
 * symbolic link, a path through {@code ..}) is known for the same file. Never by opening it:
 * closing any descriptor of a file drops this process's record locks on it, those of a store
 * open on it included, so nothing may open a container file before it knows that no store of
 * this JVM has it.
 *
 * <p>Only a regular file or a device DAX character device can be a container, and anything
 * else is refused here, before anything opens it: opening a FIFO waits for a writer that never
 * comes, and a directory, a socket or another device holds no container.
 */
public final class FileIdentity {
    private static final int TYPE_MASK = 0170000;
    private static final int FIFO = 0010000;
    private static final int CHARACTER_DEVICE = 0020000;
    private static final int BLOCK_DEVICE = 0060000;
    private static final int SOCKET = 0140000;

    /** The file system's key of the file, or its real path where the file system has none. */
    private final Object key;

    private FileIdentity(Object key) {
        this.key = key;
    }

    /**
     * The identity of the file {@code path} names (following symbolic links).
     *
     * @throws java.nio.file.NoSuchFileException if there is none
     * @throws NotAContainerException if it is neither a regular file nor a device DAX node, naming
     *     what it is
     * @throws IOException if it cannot be read
     */
    public static FileIdentity of(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile() && !isDeviceDax(path, attributes)) {
            throw new NotAContainerException(path + ": " + describe(path, attributes)
                    + ", not a container file (a container is a regular file or a device DAX node)");
        }
        Object key = attributes.fileKey();
        return new FileIdentity(key != null ? key : path.toRealPath());
    }

    private static boolean isDeviceDax(Path path, BasicFileAttributes attributes) throws IOException {
        if (!attributes.isOther() || type(path) != CHARACTER_DEVICE || !LibC.isAvailable()) {
            return false;
        }
        try {
            return MediaProbe.of(path.toRealPath()).devDax();
        } catch (RuntimeException e) {
            return false; // the probe cannot tell: not a device this store knows how to use
        }
    }

    /** What kind of file {@code path} is, for the refusal. */
    private static String describe(Path path, BasicFileAttributes attributes) throws IOException {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        switch (type(path)) {
            case FIFO:
                return "a FIFO (named pipe)";
            case SOCKET:
                return "a socket";
            case BLOCK_DEVICE:
                return "a block device";
            case CHARACTER_DEVICE:
                return "a character device that is not a device DAX node";
            default:
                return "a special file";
        }
    }

    /** The file type bits of {@code stat}'s mode, or 0 where the file system has no "unix" view. */
    private static int type(Path path) throws IOException {
        if (!path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
            return 0;
        }
        Map<String, Object> mode = Files.readAttributes(path, "unix:mode");
        return (Integer) mode.get("mode") & TYPE_MASK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileIdentity && ((FileIdentity) other).key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key.toString();
    }
}
