package org.daxstore.check;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.daxstore.CorruptStoreException;
import org.daxstore.format.Layout;
import org.daxstore.format.Superblock;
import org.daxstore.format.SuperblockCopies;
import org.daxstore.media.PositionalFile;
import org.daxstore.media.PositionalImage;

/**
 * Which superblock copy a repair trusts, and why the other must be rewritten from it.
 *
 * <ul>
 *   <li>One copy valid: that one (the other was torn or damaged).</li>
 *   <li>Both valid and equal but for the clean flag: the primary, and nothing to rewrite.</li>
 *   <li>Both valid and different: a checksum cannot tell which was damaged, but the image can.
 *       The copy whose layout matches the file's length wins; if both or neither match, the one
 *       under whose layout the format's rules find fewer problems in the image; on a tie, the
 *       primary, which is what an open uses. A damaged field that moved a region (the inode
 *       count, the journal size) makes the image read as garbage under its layout, so the
 *       copy that still describes the image is found even when the damage was resealed.</li>
 * </ul>
 *
 * @param chosen the copy to keep
 * @param damage one line per copy to rewrite from {@code chosen}, saying what was wrong with it
 */
record SuperblockChoice(Superblock chosen, List<String> damage) {

    /**
     * Chooses between {@code copies} of the container read through {@code file}, whose
     * length is {@code length}.
     *
     * @throws CorruptStoreException if neither copy is valid: the container cannot be identified
     */
    static SuperblockChoice choose(SuperblockCopies copies, PositionalFile file, Path path, long length) {
        Superblock primary = copies.primary();
        Superblock secondary = copies.secondary();
        List<String> damage = new ArrayList<>();
        if (primary == null && secondary == null) {
            copies.effective();
            throw new CorruptStoreException("both superblocks are damaged");
        }
        if (primary == null) {
            damage.add(copies.primaryError().getMessage() + ": rewritten from the secondary");
            return new SuperblockChoice(secondary, damage);
        }
        if (secondary == null) {
            damage.add(copies.secondaryError().getMessage() + ": rewritten from the primary");
            return new SuperblockChoice(primary, damage);
        }
        if (copies.disagreement().isEmpty()) {
            return new SuperblockChoice(primary, damage);
        }
        boolean primaryFits = primary.layout().containerSize() == length;
        boolean secondaryFits = secondary.layout().containerSize() == length;
        String why;
        boolean keepPrimary;
        if (primaryFits != secondaryFits) {
            keepPrimary = primaryFits;
            why = "its layout matches the container's " + length + " bytes";
        } else {
            int underPrimary = problemsUnder(primary.layout(), file, path, length);
            int underSecondary = problemsUnder(secondary.layout(), file, path, length);
            keepPrimary = underPrimary <= underSecondary;
            why = "the image breaks " + Math.min(underPrimary, underSecondary) + " rule(s) under its layout and "
                    + Math.max(underPrimary, underSecondary) + " under the other's"
                    + (underPrimary == underSecondary ? " (a tie: the primary is what an open uses)" : "");
        }
        damage.add(copies.disagreement() + ": the " + (keepPrimary ? "secondary" : "primary") + " rewritten from the "
                + (keepPrimary ? "primary" : "secondary") + ", because " + why);
        return new SuperblockChoice(keepPrimary ? primary : secondary, damage);
    }

    /**
     * How many problems the format's rules find in the image under {@code layout}; a layout the
     * file is too short for counts as the worst.
     */
    private static int problemsUnder(Layout layout, PositionalFile file, Path path, long length) {
        if (layout.containerSize() > length) {
            return Integer.MAX_VALUE;
        }
        FormatChecker rules = new FormatChecker(new PositionalImage(file, path, layout.containerSize()), layout);
        rules.checkFiles();
        rules.checkBitmap();
        return rules.problems().size();
    }
}
