/**
 * The format's rules, checked and repaired. One set of rules runs in the check at every open, in
 * the online check ({@code DaxStore.check()}), in the offline fsck and in its repair, so that the
 * store and fsck can never disagree on what a valid image is: open refuses exactly the images the
 * offline fsck does not find clean (FORMAT.md, "Block maps", says which restorations by the next
 * open fsck finds clean with a note).
 *
 * <p>{@link org.daxstore.fs.ImageRules} holds the rules below the superblock and the journal
 * (inodes, block maps, bitmap) over any {@link org.daxstore.media.ImageReader}; it lives in fs,
 * beside {@code Volume.open}, which runs it on every image. {@link StoreChecker} runs them on the
 * open store, whose memory it also compares with the media. {@link Fsck} is the offline fsck of a container file and
 * {@link Fsck#repair} its repair: {@code Repair} chooses the superblock ({@code SuperblockChoice})
 * and settles the journal, {@code RepairPlan} and {@code MapMender} plan the rest from the image
 * alone, and {@code RepairWriter} writes it through the journal. {@link org.daxstore.fs.RuleReport},
 * {@link FsckReport} and {@link RepairReport} are the verdicts.
 *
 * <p>Depends on {@code format}, {@code fs} ({@link org.daxstore.fs.InodeRecord}, the one decoder
 * of an inode record; FileNames; Volume and FileNode for the online check), {@code journal}
 * (Recovery, ReplayOverlay, MetadataTransaction), {@code media} and {@code org.daxstore} (its
 * exceptions only; the medium of a repair is a {@code media.MediumSelector.Choice} its caller
 * passes). Used by {@code org.daxstore} ({@code DaxStore.check()}), by cli (fsck), bench and the
 * harnesses; nothing of {@code fs} depends on it. The
 * README names {@code Fsck.check} and {@code Fsck.repair} as Java entry points, so they are public
 * API in practice although this package is not.
 *
 * <p>Before touching it: every pointer is bounds-checked before it is followed and every walk
 * enters a block at most once, so no image can make a check crash or loop; the check at open and
 * fsck read a container file by pread ({@link org.daxstore.media.PositionalImage}), never through
 * a mapping, so that a damaged pointer into a hole cannot make tmpfs allocate (and raise SIGBUS
 * when full); a repair never writes a file it cannot identify as a container, and one cut short at
 * any instant is finished by the next. FORMAT.md ("Inode", "Block maps", "Repair") states the
 * rules, the headers of Fsck, Repair and RepairWriter why their order is safe, and
 * docs/TESTING.md, "The format's rules", the tests.
 */
package org.daxstore.check;
