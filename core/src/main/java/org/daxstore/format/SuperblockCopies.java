package org.daxstore.format;

import org.daxstore.CorruptStoreException;
import org.daxstore.NotAContainerException;

/**
 * The two superblock copies of a container, each decoded on its own, and the rule for which one
 * a store opens with: the primary if it is valid, else the secondary (a crash can tear the
 * primary while it is rewritten; the secondary is rewritten only after the primary is durable).
 * The store ({@code fs/Volume}) and the offline fsck both decide through this class.
 *
 * @param primary        the primary copy, or null if it is damaged
 * @param primaryError   why the primary is damaged, or null
 * @param secondary      the secondary copy, or null if it is damaged
 * @param secondaryError why the secondary is damaged, or null
 */
public record SuperblockCopies(Superblock primary, CorruptStoreException primaryError,
                               Superblock secondary, CorruptStoreException secondaryError) {

    /**
     * Decodes both copies; {@code container} names the file in messages. A copy the file is too
     * short to hold is passed as the bytes there are, zero-filled.
     */
    public static SuperblockCopies decode(byte[] primaryBytes, byte[] secondaryBytes, String container) {
        Superblock primary = null;
        Superblock secondary = null;
        CorruptStoreException primaryError = null;
        CorruptStoreException secondaryError = null;
        try {
            primary = Superblock.decode(primaryBytes, container + ": primary superblock at offset " + Layout.PRIMARY_SUPERBLOCK);
        } catch (CorruptStoreException e) {
            primaryError = e;
        }
        try {
            secondary = Superblock.decode(secondaryBytes, container + ": secondary superblock at offset "
                    + Layout.SECONDARY_SUPERBLOCK);
        } catch (CorruptStoreException e) {
            secondaryError = e;
        }
        return new SuperblockCopies(primary, primaryError, secondary, secondaryError);
    }

    /**
     * The copy to open with.
     *
     * @throws NotAContainerException if neither copy has the magic number
     * @throws CorruptStoreException if neither copy is valid; the message gives both reasons
     */
    public Superblock effective() {
        if (primary != null) {
            return primary;
        }
        if (secondary != null) {
            return secondary;
        }
        if (primaryError instanceof NotAContainerException && secondaryError instanceof NotAContainerException) {
            throw new NotAContainerException(primaryError.getMessage());
        }
        throw new CorruptStoreException(primaryError.getMessage() + "; " + secondaryError.getMessage());
    }

    /** The fields on which two valid copies disagree, the clean flag aside; empty if they agree or one is damaged. */
    public String disagreement() {
        if (primary == null || secondary == null || primary.withClean(false).equals(secondary.withClean(false))) {
            return "";
        }
        return "the primary superblock says " + primary + " but the secondary says " + secondary;
    }
}
