package org.daxstore.fs;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.daxstore.CorruptStoreException;
import org.daxstore.StoreFullException;
import org.daxstore.format.InodeFormat;
import org.daxstore.format.Layout;
import org.daxstore.journal.MetadataTransaction;
import org.daxstore.media.Medium;
import org.daxstore.media.Memory;

/**
 * The inode table and the name index. Records live on media (see {@link InodeFormat}); the live
 * ones are mirrored in {@link FileNode}s, and the flat name index is a map from name to node,
 * rebuilt from the records at open. Records are written only through the metadata
 * transaction, as whole-record images whose changed words alone are logged.
 *
 * <p>Not thread-safe: used under the store's metadata lock.
 */
public final class InodeTable {
    private final Medium medium;
    private final Layout layout;
    private final MetadataTransaction tx;
    private final FileNode[] nodes;
    private final Map<String, FileNode> byName = new HashMap<>();
    private final byte[] image = new byte[InodeFormat.SIZE];
    private final ByteBuffer imageView = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
    private int freeHint;

    private InodeTable(Medium medium, Layout layout, MetadataTransaction tx) {
        this.medium = medium;
        this.layout = layout;
        this.tx = tx;
        this.nodes = new FileNode[layout.inodeCount()];
    }

    /** Reads and validates every record. */
    public static InodeTable load(Medium medium, Layout layout, MetadataTransaction tx) {
        InodeTable table = new InodeTable(medium, layout, tx);
        for (int i = 0; i < layout.inodeCount(); i++) {
            FileNode node = table.read(i);
            if (node != null) {
                FileNode clash = table.byName.putIfAbsent(node.name, node);
                if (clash != null) {
                    throw new CorruptStoreException("inodes " + clash.inode + " and " + i + " both hold the name "
                            + FileNames.quote(node.name));
                }
                table.nodes[i] = node;
            }
        }
        return table;
    }

    public FileNode lookup(String name) {
        return byName.get(name);
    }

    public FileNode node(int inode) {
        return nodes[inode];
    }

    public int liveCount() {
        return byName.size();
    }

    public List<FileNode> liveNodes() {
        return new ArrayList<>(byName.values());
    }

    /** Writes a new in-use record for {@code name} in a free slot; the caller publishes it after commit. */
    public FileNode create(String name, long nowMillis) {
        return create((slot, generation) -> name, nowMillis);
    }

    /** As {@link #create(String, long)}, named {@link TemporaryNames#of its slot's temporary name}. */
    public FileNode createTemporary(long nowMillis) {
        return create(TemporaryNames::of, nowMillis);
    }

    /** A name for a file from its slot and generation. */
    @FunctionalInterface
    private interface Naming {
        String name(int slot, long generation);
    }

    private FileNode create(Naming naming, long nowMillis) {
        int slot = freeSlot();
        long previousGeneration = Memory.getLong(medium.address(layout.inodeOffset(slot) + InodeFormat.GENERATION));
        FileNode node = new FileNode(slot);
        node.generation = InodeRecord.nextGeneration(previousGeneration);
        node.name = naming.name(slot, node.generation);
        node.createdMillis = nowMillis;
        node.modifiedMillis = nowMillis;
        writeRecord(node, FileNames.encode(node.name));
        return node;
    }

    /** Makes a node created (or renamed) by a committed transaction visible by name. */
    public void publish(FileNode node) {
        nodes[node.inode] = node;
        byName.put(node.name, node);
    }

    /** Writes the record of a live node from its in-memory fields. */
    public void write(FileNode node) {
        writeRecord(node, FileNames.encode(node.name));
    }

    /** Writes the record of a deleted file: free, keeping its generation for the next user. */
    public void writeFree(FileNode node) {
        InodeRecord.encodeFree(image, node.generation);
        log(node.inode);
    }

    /** Forgets a node whose deletion has committed. */
    public void unpublish(FileNode node) {
        nodes[node.inode] = null;
        byName.remove(node.name, node);
        freeHint = Math.min(freeHint, node.inode);
    }

    /** Forgets a name whose rename has committed; the node is then published under its new name. */
    public void unpublishName(String oldName) {
        byName.remove(oldName);
    }

    private int freeSlot() {
        for (int i = freeHint; i < nodes.length; i++) {
            if (nodes[i] == null) {
                freeHint = i;
                return i;
            }
        }
        throw new StoreFullException("the inode table is full: the store holds its maximum of "
                + layout.inodeCount() + " files");
    }

    private void writeRecord(FileNode node, byte[] encodedName) {
        InodeRecord.encode(image, encodedName, node.generation, node.size, node.mapRoot(), node.mapHeight(),
                node.allocatedBlocks, node.createdMillis, node.modifiedMillis);
        log(node.inode);
    }

    /** Logs the words of the sealed image that differ from the record now. */
    private void log(int inode) {
        long base = layout.inodeOffset(inode);
        for (int at = 0; at < InodeFormat.SIZE; at += Long.BYTES) {
            long word = imageView.getLong(at);
            if (tx.getLong(base + at) != word) {
                tx.putLong(base + at, word);
            }
        }
    }

    /** Decodes record {@code inode} ({@link InodeRecord} checks it): a node if in use, null if free. */
    private FileNode read(int inode) {
        Memory.copyToHeap(medium.address(layout.inodeOffset(inode)), image, 0, InodeFormat.SIZE);
        InodeRecord record = InodeRecord.decode(image, inode, layout);
        if (record == null) {
            return null;
        }
        FileNode node = new FileNode(inode);
        node.name = record.name();
        node.generation = record.generation();
        node.size = record.size();
        node.map = BlockMap.pack(record.mapRoot(), record.mapHeight());
        node.allocatedBlocks = record.allocatedBlocks();
        node.createdMillis = record.createdMillis();
        node.modifiedMillis = record.modifiedMillis();
        return node;
    }
}
