package org.daxstore.testing;

import org.daxstore.MediumChoice;
import org.daxstore.nativebridge.Pmem;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips every test, with the reason, when the run asks for the pmem medium
 * ({@code -Ddaxstore.medium=pmem}) on a machine where libpmem does not load: the store would
 * refuse to open, and the point of that run is the pmem path. Registered for every test class
 * through {@code META-INF/services} (extension autodetection is on in junit-platform.properties).
 */
public final class MediumAvailability implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (MediumChoice.fromSystemProperty() == MediumChoice.PMEM && !Pmem.isAvailable()) {
            return ConditionEvaluationResult.disabled("the pmem run is skipped: libpmem is unavailable: "
                    + Pmem.unavailableReason());
        }
        return ConditionEvaluationResult.enabled("the medium this run asks for is available");
    }
}
