package org.daxstore.check;

import java.util.List;

import org.daxstore.fs.FileNames;
import org.daxstore.fs.FileNode;
import org.daxstore.fs.ImageRules;
import org.daxstore.fs.InodeRecord;
import org.daxstore.fs.RuleReport;
import org.daxstore.fs.Volume;
import org.daxstore.media.ImageReader;

/**
 * The online check: every rule of the on-media format ({@link ImageRules}, the same rules
 * the offline {@link Fsck} runs) on the open store's medium, then the open store's in-memory
 * state against the media: the same files with the same fields, and the allocator's free count
 * equal to the bitmap's. It reports; it never repairs and never throws for a broken rule. Run
 * it with no metadata operation in flight (the caller holds the metadata lock).
 */
public final class StoreChecker {
    private StoreChecker() {
    }

    /** Checks an open store. The caller holds its metadata lock. */
    public static RuleReport check(Volume volume) {
        ImageRules rules = new ImageRules(ImageReader.of(volume.medium()), volume.layout());
        List<InodeRecord> files = rules.checkFiles();
        for (InodeRecord file : files) {
            compareWithMemory(rules, file, volume.inodes().node(file.inode()));
        }
        if (volume.inodes().liveCount() != files.size()) {
            rules.problem("the open store has " + volume.inodes().liveCount() + " files in memory but "
                    + files.size() + " valid ones on media");
        }
        long free = rules.checkBitmap();
        // Blocks freed whose storage is still being returned are free on media but not yet here.
        long allocatorFree = volume.allocator().freeBlocks() + volume.allocator().storagePendingBlocks();
        if (free != allocatorFree) {
            rules.problem("the allocator counts " + allocatorFree + " free blocks (" + volume.allocator().freeBlocks()
                    + " allocatable, the others waiting for their storage to be returned) but the bitmap marks " + free);
        }
        return new RuleReport(rules.problems(), files.size(), rules.usedBlocks(), free);
    }

    private static void compareWithMemory(ImageRules rules, InodeRecord onMedia, FileNode inMemory) {
        String who = "file " + FileNames.quote(onMedia.name()) + " (inode " + onMedia.inode() + ")";
        if (inMemory == null) {
            rules.problem(who + ": on media but not open in memory");
        } else if (!inMemory.name().equals(onMedia.name()) || inMemory.size() != onMedia.size()
                || inMemory.mapRoot() != onMedia.mapRoot() || inMemory.mapHeight() != onMedia.mapHeight()
                || inMemory.allocatedBlocks() != onMedia.allocatedBlocks()) {
            rules.problem(who + ": in memory (size " + inMemory.size() + ", root " + inMemory.mapRoot() + ", blocks "
                    + inMemory.allocatedBlocks() + ") differs from media (size " + onMedia.size() + ", root "
                    + onMedia.mapRoot() + ", blocks " + onMedia.allocatedBlocks() + ")");
        }
    }
}
