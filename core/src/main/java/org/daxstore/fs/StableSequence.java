package org.daxstore.fs;

import java.util.Locale;

import org.daxstore.DaxStoreException;
import org.daxstore.events.AccessWaitEvent;
import org.daxstore.sync.AccessSections;
import org.daxstore.sync.Seqtex;

/**
 * The check that lets an access section trust a file's block map and size: the one step of the
 * fault path (docs/FAULT-PATH.md) that every section touching a file's blocks without a lock
 * takes, written once for the faults of views ({@code fault.Translator}) and for positional
 * I/O ({@link FileData#read}, {@link FileData#overwrite}).
 *
 * <p>Inside a section that has been entered, it reads the file's seqtex sequence. If it is even,
 * no removal (truncate, punch, delete, a close of the store) has begun: a remover that begins
 * later makes it odd and then waits for this section (Dekker's condition, {@link AccessSections}),
 * so every block the section looks up stays the file's, and mapped, until the section ends; no
 * validation afterwards is needed. If it is odd, a removal is running: the caller's section is
 * left, the thread parks on the seqtex until the removal ends, and enters a new section, and the
 * check runs again. A closed store or a deleted file leaves the sequence odd for good; the
 * {@link Usability} of the caller then throws its typed refusal, inside the section, so that
 * no close can run whole between the check and the access.
 */
public final class StableSequence {
    private StableSequence() {
    }

    /** What refuses the accesses of a section: a closed view or handle, a closed store, a deleted file. */
    public interface Usability {
        /**
         * Throws the typed exception of whatever makes the accesses refused: a closed view or
         * handle or store ({@code ClosedException}), a deleted file ({@code NoSuchDaxFileException}).
         * Must see a closed store before its closed seqtexes, and a deleted file once its seqtex
         * is closed.
         */
        void checkUsable();
    }

    /**
     * Returns an even sequence of the seqtex of {@code node} that the section of {@code slot} may
     * trust, parking first, outside the section, while a remover runs. If it had to park, the
     * section is a new one: whatever the caller translated or looked up before this call is stale;
     * how many times it parked is the slot's {@link AccessSections.Slot#takeCheckParks}. For a section of the given kind; a scope's is one that is opening (whose section is the
     * slot's scope section).
     *
     * @throws org.daxstore.ClosedException or {@link org.daxstore.NoSuchDaxFileException} from
     *     {@code usability}, inside the section
     * @throws DaxStoreException if a removal is pending and this thread's open scope holds it up
     */
    public static long await(Volume volume, FileNode node, AccessSections.Slot slot, Section section, Usability usability) {
        AccessSections sections = volume.sections();
        Seqtex seqtex = node.seqtex;
        for (int parks = 0; ; parks++) {
            usability.checkUsable();
            long seq = seqtex.sequence();
            if ((seq & 1) == 0) {
                slot.checked(parks);
                return seq;
            }
            if (section == Section.SCOPE ? slot.scopesOpen() > 1 : slot.holdsScope()) {
                throw new DaxStoreException(volume.path() + ": file " + FileNames.quote(node.name()) + " is being truncated"
                        + " or punched and that operation waits for this thread's open access scope: end the scope first");
            }
            section.leave(sections, slot);
            AccessWaitEvent waited = AccessWaitEvent.begun();
            try {
                seqtex.readLock();
            } catch (IllegalStateException closedWhileWaiting) {
                section.enter(sections);
                AccessWaitEvent.end(waited, node.name(), section.label());
                usability.checkUsable();
                throw closedWhileWaiting;
            }
            section.enter(sections);
            AccessWaitEvent.end(waited, node.name(), section.label());
        }
    }

    /** The kinds of section a check runs in, each entered and left its own way ({@link AccessSections}). */
    public enum Section {
        /** A single access through a view: {@link AccessSections#enter}. */
        ACCESS,
        /** A single positional access: {@link AccessSections#enterFenced}. */
        POSITIONAL,
        /** The section of a scope: {@link AccessSections#enterScope}. */
        SCOPE;

        /** The name the {@code AccessWait} event gives it. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        void enter(AccessSections sections) {
            switch (this) {
                case ACCESS -> sections.enter();
                case POSITIONAL -> sections.enterFenced();
                case SCOPE -> sections.enterScope();
            }
        }

        void leave(AccessSections sections, AccessSections.Slot slot) {
            if (this == SCOPE) {
                sections.leaveScope(slot);
            } else {
                sections.leave(slot);
            }
        }
    }
}
