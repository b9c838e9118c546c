/**
 * The tests of the crash campaigns: the enumeration of power-failure images judges what it
 * should and reports and replays an injected fault ({@code CrashEnumerationTest}), the subsets of
 * unpersisted cache lines a fence turns into images ({@code LineSubsetsTest}), the oracle rejects each kind of wrong
 * state ({@code OracleTest}), and the kill -9 campaign ({@code KillCampaignTest}); their scratch
 * directories are on tmpfs ({@code Scratch}). Invariants 9 and 10 (docs/DESIGN.md).
 */
package org.daxstore.harness.crash;
