package org.daxstore.fs;

import java.util.List;
import java.util.stream.Collectors;

import org.daxstore.DaxFileExistsException;
import org.daxstore.InvalidNameException;
import org.daxstore.NoSuchDaxFileException;
import org.daxstore.StoreFullException;

/**
 * The flat namespace: create, look up, delete, rename and list files by name. Each change
 * commits its transaction and updates the in-memory name index under one hold of the metadata
 * lock, so no other operation sees one without the other.
 */
public final class Namespace {
    private final Volume volume;
    private final InodeTable inodes;

    public Namespace(Volume volume) {
        this.volume = volume;
        this.inodes = volume.inodes();
    }

    public FileNode create(String name) {
        checkNewName(name);
        return volume.locked(() -> {
            if (inodes.lookup(name) != null) {
                throw new DaxFileExistsException(volume.path() + ": a file named " + FileNames.quote(name) + " already exists");
            }
            FileNode node;
            try {
                node = volume.update(null, ignored -> inodes.create(name, volume.clock().millis()));
            } catch (StoreFullException e) {
                throw cannotCreate("file " + FileNames.quote(name), e);
            }
            inodes.publish(node);
            return node;
        });
    }

    /** {@code full}, the failure to create {@code what}, with a message that leads with the container. */
    private StoreFullException cannotCreate(String what, StoreFullException full) {
        String prefix = volume.path() + ": ";
        String detail = String.valueOf(full.getMessage());
        return new StoreFullException(prefix + "cannot create " + what + ": "
                + (detail.startsWith(prefix) ? detail.substring(prefix.length()) : detail), full);
    }

    /**
     * Creates an empty file under a name of its own ({@link TemporaryNames}), unique because it
     * holds the inode: no user's file can have it, and no other temporary.
     */
    public FileNode createTemporary() {
        return volume.locked(() -> {
            FileNode node;
            try {
                node = volume.update(null, ignored -> inodes.createTemporary(volume.clock().millis()));
            } catch (StoreFullException e) {
                throw cannotCreate("a temporary file", e);
            }
            inodes.publish(node);
            return node;
        });
    }

    /** Deletes the temporaries a writer left (it was killed, or failed before it could delete one). */
    public void deleteStaleTemporaries() {
        List<String> stale = volume.locked(() -> inodes.liveNodes().stream().filter(TemporaryNames::isTemporary)
                .map(FileNode::name).collect(Collectors.toList()));
        stale.forEach(this::delete);
    }

    public FileNode lookup(String name) {
        checkName(name);
        FileNode node = volume.locked(() -> inodes.lookup(name));
        if (node == null) {
            throw noSuchFile(name);
        }
        return node;
    }

    public boolean exists(String name) {
        checkName(name);
        return volume.locked(() -> inodes.lookup(name)) != null;
    }

    /** Deletes the file, freeing its blocks; its open handles fail from then on. */
    public void delete(String name) {
        FileNode node = lookup(name);
        node.structure.writeLock().lock();
        try {
            if (node.deleted) {
                throw noSuchFile(name);
            }
            volume.removeBlocks(node, 0, Long.MAX_VALUE, w -> {
                volume.blockMap().free(w, 0, Long.MAX_VALUE);
                w.deleted = true;
                inodes.writeFree(w);
                return null;
            }, () -> {
                inodes.unpublish(node);
                node.deleted = true;
            });
        } finally {
            node.structure.writeLock().unlock();
        }
    }

    /** Renames a file; fails if a file named {@code to} exists. Open handles follow the file. */
    public void rename(String from, String to) {
        checkNewName(to);
        FileNode node = lookup(from);
        node.structure.writeLock().lock();
        try {
            volume.locked(() -> {
                if (node.deleted || inodes.lookup(from) != node) {
                    throw noSuchFile(from);
                }
                if (inodes.lookup(to) != null) {
                    throw new DaxFileExistsException(volume.path() + ": cannot rename " + FileNames.quote(from) + " to " + FileNames.quote(to)
                            + ": a file of that name exists");
                }
                volume.update(node, w -> {
                    w.name = to;
                    return null;
                });
                inodes.unpublishName(from);
                inodes.publish(node);
                return null;
            });
        } finally {
            node.structure.writeLock().unlock();
        }
    }

    /**
     * Renames {@code from} to {@code to}, replacing a file named {@code to} if there is one, in
     * one transaction (POSIX {@code rename(2)}): the replaced file's blocks and inode are freed
     * and {@code from} takes its name, so a crash leaves either both files as they were or the
     * renamed one alone. The replaced file goes as a delete does: its open handles fail from
     * then on, and the replacement waits for every access section to end. Handles of
     * {@code from} follow it. Renaming a file onto its own name does nothing.
     */
    public void renameReplacing(String from, String to) {
        checkNewName(to);
        FileNode source = lookup(from);
        if (from.equals(to)) {
            return;
        }
        while (true) {
            FileNode target = volume.locked(() -> inodes.lookup(to));
            if (target == null) {
                try {
                    rename(from, to);
                    return;
                } catch (DaxFileExistsException created) {
                    continue; // a file named 'to' appeared meanwhile: replace it
                }
            }
            if (replace(source, from, target, to)) {
                return;
            }
        }
    }

    /**
     * Replaces {@code target} with {@code source}, holding both structure locks (lower inode
     * first, the one order every two-file operation takes them in). False if the target was
     * deleted or renamed before its lock was taken: the caller looks its name up again.
     */
    private boolean replace(FileNode source, String from, FileNode target, String to) {
        FileNode first = source.inode < target.inode ? source : target;
        FileNode second = first == source ? target : source;
        first.structure.writeLock().lock();
        second.structure.writeLock().lock();
        try {
            if (target.deleted || !volume.locked(() -> inodes.lookup(to) == target)) {
                return false;
            }
            volume.removeBlocks(target, 0, Long.MAX_VALUE, w -> {
                // Under the metadata lock: no fault of the source can commit between this copy and the commit.
                if (source.deleted || inodes.lookup(from) != source) {
                    throw noSuchFile(from);
                }
                volume.blockMap().free(w, 0, Long.MAX_VALUE);
                w.deleted = true;
                inodes.writeFree(w);
                FileNode renamed = new FileNode(source.inode);
                renamed.copyFrom(source);
                renamed.name = to;
                inodes.write(renamed);
                return null;
            }, () -> {
                inodes.unpublish(target);
                target.deleted = true;
                inodes.unpublishName(from);
                source.name = to;
                inodes.publish(source);
            });
            return true;
        } finally {
            second.structure.writeLock().unlock();
            first.structure.writeLock().unlock();
        }
    }

    /** The names of all files, sorted. */
    public List<String> list() {
        return volume.locked(() -> inodes.liveNodes().stream().map(FileNode::name).sorted()
                .collect(Collectors.toList()));
    }

    private NoSuchDaxFileException noSuchFile(String name) {
        return new NoSuchDaxFileException(volume.path() + ": no file named " + FileNames.quote(name));
    }

    /** Checks a name against the format's rules ({@link FileNames}), naming the container in a refusal. */
    private void checkName(String name) {
        try {
            FileNames.encode(name);
        } catch (InvalidNameException e) {
            throw new InvalidNameException(volume.path() + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #checkName}, for a name a user gives a file: not one of the store's own temporaries. */
    private void checkNewName(String name) {
        checkName(name);
        try {
            TemporaryNames.refuseReserved(name);
        } catch (InvalidNameException e) {
            throw new InvalidNameException(volume.path() + ": " + e.getMessage(), e);
        }
    }
}
