package org.daxstore.media;

import org.daxstore.MediumUnavailableException;
import org.daxstore.nativebridge.Pmem;

/**
 * Chooses the medium that maps a container (docs/DESIGN.md section 3) and says why: the pmem medium
 * when libpmem loads, the mapped medium otherwise, unless the options force one.
 */
public final class MediumSelector {
    private MediumSelector() {
    }

    /**
     * Which medium to map with: this package's own choice, so that it needs nothing of the public
     * package but its exceptions (the public {@code MediumChoice} maps onto it).
     */
    public enum Choice {
        /** The pmem medium when libpmem loads, the mapped medium otherwise. */
        AUTO,
        /** libpmem, refused if it is unavailable. */
        PMEM,
        /** The JDK's {@code FileChannel.map}. */
        MAPPED
    }

    /** A mapped container, which medium maps it ({@link Choice#PMEM} or {@link Choice#MAPPED}) and why it was chosen. */
    public record Selection(Medium medium, Choice kind, String reason) {
    }

    /**
     * Maps {@code container} (whose length is {@code size}) with the medium {@code choice} asks for,
     * at an address that is a multiple of {@code alignment} (the block size) where the medium can.
     * libpmem aligns mappings of 2 MiB and more to 2 MiB by itself.
     *
     * @throws MediumUnavailableException if the choice forces a medium this machine cannot offer, or
     *     if this JVM lets daxstore reach no memory ({@link Memory#checkUsable})
     */
    public static Selection map(ContainerFile container, long size, long alignment, Choice choice) {
        Memory.checkUsable(container.path()); // before libpmem's probe, which fails for the same reason
        switch (choice) {
            case PMEM:
                if (!Pmem.isAvailable()) {
                    throw new MediumUnavailableException(container.path() + ": the options force the pmem medium, but"
                            + " libpmem is unavailable: " + Pmem.unavailableReason());
                }
                return new Selection(PmemMedium.map(container, size), Choice.PMEM, "forced by the options");
            case MAPPED:
                return new Selection(MappedMedium.map(container, size, alignment), Choice.MAPPED, "forced by the options");
            case AUTO:
            default:
                if (Pmem.isAvailable()) {
                    return new Selection(PmemMedium.map(container, size), Choice.PMEM, "chosen because libpmem is available");
                }
                return new Selection(MappedMedium.map(container, size, alignment), Choice.MAPPED,
                        "chosen because libpmem is unavailable: " + Pmem.unavailableReason());
        }
    }
}
