package org.daxstore.harness.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * The kill -9 campaign in the default build: 200 child JVMs killed at random instants of a
 * seeded workload; each store must reopen consistent and hold every operation the child
 * reported done ({@link KillCampaign} states the method).
 */
class KillCampaignTest {
    @Test
    void aStoreKilledAtRandomInstantsKeepsEveryReportedOperation() throws IOException {
        Path dir = Scratch.directory("kill-");
        KillCampaign.Result result = KillCampaign.run(KillCampaign.Options.defaults(dir, 20261126L, 200), done -> { });
        Files.deleteIfExists(dir);
        System.out.println(result.summary());
        assertEquals(0, result.inconsistent(), String.join("\n", result.failures()));
        assertEquals(200, result.rounds());
        assertTrue(result.rounds() - result.duringFormat() - result.afterAll() > 100,
                "most kills must land inside the workload: " + result.summary());
    }
}
