/**
 * The tests of the fault path from inside: the seed's race, a fault held between its look-up and
 * its install while a punch starts (invariant 3, {@code SeedRaceTest}), and bulk copies through
 * runs of adjacent blocks ({@code CachedRunTest}).
 */
package org.daxstore.fault;
