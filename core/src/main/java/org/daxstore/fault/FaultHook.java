package org.daxstore.fault;

/**
 * Test-only: called by the fault path between looking a block up and installing its
 * translation, so that a test can hold a fault there and start a punch (the seed's race).
 * Given per view (a package-private {@code DaxFile.map} or the {@link ViewAccess} and
 * {@link Translator} constructors), never globally; views of the public API have none.
 */
@FunctionalInterface
public interface FaultHook {
    void lookedUp(long page, long block);
}
