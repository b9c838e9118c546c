package org.daxstore.fs;

import org.daxstore.InvalidNameException;

/**
 * The names of the store's own temporary files (FORMAT.md, "Names"): {@value #PREFIX} followed by
 * the file's inode number, '-' and the inode's generation. Create and rename refuse a name with
 * that prefix, so no user's file can take one; a temporary is made by
 * {@code DaxStore.createTemporary}, written, forced and renamed over its target, and one that is
 * still there at the next open (its writer was killed, or failed before it could delete it) is
 * deleted then.
 *
 * <p>Why the inode and generation: a store written before the prefix was reserved may hold a
 * user's file whose name starts with it. Open deletes only the files whose name is exactly their
 * own inode's temporary name, a name no such file could have except by deliberate imitation of
 * this rule; any other file with the prefix stays, listed, readable and deletable, and can be
 * renamed to an ordinary name.
 */
public final class TemporaryNames {
    /** The reserved prefix. */
    public static final String PREFIX = ".daxstore-tmp-";

    private TemporaryNames() {
    }

    /** The temporary name of the file in {@code inode} of {@code generation}. */
    static String of(int inode, long generation) {
        return PREFIX + inode + "-" + generation;
    }

    /** True if {@code node} is a temporary: its name is its own inode's temporary name. */
    static boolean isTemporary(FileNode node) {
        return node.name().equals(of(node.inode, node.generation()));
    }

    /**
     * Refuses a name a user may not give a file (create, rename's target).
     *
     * @throws InvalidNameException if {@code name} starts with {@link #PREFIX}
     */
    static void refuseReserved(String name) {
        if (name.startsWith(PREFIX)) {
            throw new InvalidNameException("file name " + FileNames.quote(name) + " starts with '" + PREFIX
                    + "', which is reserved for the store's temporary files (DaxStore.createTemporary)");
        }
    }
}
