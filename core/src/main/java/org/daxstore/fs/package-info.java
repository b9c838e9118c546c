/**
 * The file system inside the container: inodes, names, block maps and file contents, and the open
 * store that ties them to the medium, the allocator and the journal. What {@code DaxStore} and
 * {@code DaxFile} do to files and metadata is carried out here; the public classes add argument
 * checks and the lifecycle, and views go through {@code fault}.
 *
 * <p>{@link Volume} is an open container: it opens one (a journal replay is checked before it is
 * written, and every image is checked) and closes it, owns its locks, and is the one path for
 * metadata changes ({@link Volume#update}) and for removals ({@link Volume#removeBlocks}).
 * {@link Namespace} is the flat namespace; {@link FileData} the contents (copies, truncate, punch,
 * allocate, zero-range); {@link BlockMap} a file's radix tree from page to block;
 * {@link InodeTable} the inode table and name index, {@link InodeRecord} and {@link FileNames} the
 * rules for a record and a name, {@link TemporaryNames} the names reserved for the store's
 * temporary files; {@link ReplacingFormat} formats over an existing file by building the new
 * container beside it and renaming it over; {@link FileNode} a live file in memory, with its seqtex and its
 * structure lock. {@code Formatter} lays out a new store; {@code ZeroPage} is what a view reads
 * from a hole.
 *
 * <p>{@link ImageRules} are the format's rules below the superblock and the journal, run by
 * {@code Volume.open} on every image ({@link ImageRules#checkImage}) and by the checks of
 * {@code check}; {@link RuleReport} is what they found. {@link VolumeOptions} is what an open
 * needs (the public options, translated by the public package), {@link StoreHooks} a store's test
 * hooks, given only inside {@link StoreHooks#openForTesting}.
 *
 * <p>Depends on alloc, journal, format, media, sync (AccessSections; Seqtex per FileNode) and
 * {@code org.daxstore} for its exceptions only. Used by {@code org.daxstore}, fault, check, bench
 * and the harnesses.
 *
 * <p>Before touching it: locks are taken lifecycle first, then a file's structure lock, then the
 * metadata lock (Volume's header). A metadata operation works on a copy of the node and publishes
 * it only once its transaction has committed, the map before the size, so a lock-free reader never
 * follows a pointer to metadata not yet on media (FileNode's and BlockMap's headers). A removal
 * unlinks blocks only as the file's seqtex writer, after the running access sections have ended
 * (docs/FAULT-PATH.md, "Removal"); no operation may run on a thread inside a section.
 */
package org.daxstore.fs;
