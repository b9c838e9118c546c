package org.daxstore.crash;

import java.nio.file.Path;

/**
 * The offline fsck's verdict on a recovered, closed crash image, for the campaigns.
 *
 * <p>INTEGRATION POINT (issue 6): the offline fsck, {@code org.daxstore.check.Fsck.check(Path)}
 * returning an {@code FsckReport} (exit status 0 clean, 1 inconsistent, 2 unusable), is being
 * written on another branch and is not in this one yet. Until it is merged this check is not
 * connected: {@link #CONNECTED} is false, {@link #problems} returns null, and the campaigns say
 * "fsck not connected" in their summaries. To connect it, make {@link #problems} return null
 * for status 0 and the report's text otherwise, and set {@link #CONNECTED}. The online checker
 * ({@code DaxStore.check()}, the same rules) runs on every image meanwhile.
 */
final class OfflineCheck {
    /** Whether {@link #problems} runs a real fsck. */
    static final boolean CONNECTED = false;

    private OfflineCheck() {
    }

    /** Null if the offline fsck finds the closed container at {@code path} clean; otherwise its report. */
    static String problems(Path path) {
        return null;
    }
}
