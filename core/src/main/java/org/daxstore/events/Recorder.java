package org.daxstore.events;

import jdk.jfr.FlightRecorder;

/**
 * Whether an event is worth making: not until JFR has been started in this JVM. JFR's own
 * disabled-event check ({@code shouldCommit()}) needs the event object first, and on a path
 * that the JIT does not compile whole (a fault calls into the map and the allocator) that object
 * is allocated: 24 bytes a fault, which HotLoopAllocationTest counted. Before any recording,
 * this is one static load; after one, events are made and JFR's settings decide.
 */
final class Recorder {
    private Recorder() {
    }

    static boolean started() {
        return FlightRecorder.isInitialized();
    }
}
