package org.daxstore.fs;

import java.util.List;
import java.util.stream.Collectors;

import org.daxstore.DaxFileExistsException;
import org.daxstore.NoSuchDaxFileException;

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
        FileNames.encode(name);
        return volume.locked(() -> {
            if (inodes.lookup(name) != null) {
                throw new DaxFileExistsException(volume.path() + ": a file named '" + name + "' already exists");
            }
            FileNode node = volume.update(null, ignored -> inodes.create(name, System.currentTimeMillis()));
            inodes.publish(node);
            return node;
        });
    }

    public FileNode lookup(String name) {
        FileNames.encode(name);
        FileNode node = volume.locked(() -> inodes.lookup(name));
        if (node == null) {
            throw noSuchFile(name);
        }
        return node;
    }

    public boolean exists(String name) {
        FileNames.encode(name);
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
            volume.removeBlocks(node, w -> {
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
        FileNames.encode(to);
        FileNode node = lookup(from);
        node.structure.writeLock().lock();
        try {
            volume.locked(() -> {
                if (node.deleted || inodes.lookup(from) != node) {
                    throw noSuchFile(from);
                }
                if (inodes.lookup(to) != null) {
                    throw new DaxFileExistsException(volume.path() + ": cannot rename '" + from + "' to '" + to
                            + "': a file of that name exists");
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

    /** The names of all files, sorted. */
    public List<String> list() {
        return volume.locked(() -> inodes.liveNodes().stream().map(FileNode::name).sorted()
                .collect(Collectors.toList()));
    }

    private NoSuchDaxFileException noSuchFile(String name) {
        return new NoSuchDaxFileException(volume.path() + ": no file named '" + name + "'");
    }
}
