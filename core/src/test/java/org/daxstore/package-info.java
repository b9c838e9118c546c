/**
 * The tests of the public API, written against it as a user would: files, views, scopes and
 * batches ({@code DaxStoreTest}, {@code DaxMappingTest}, {@code AccessScopeTest}, ...), every
 * public method at once for the rules every method keeps (null arguments, closed handles,
 * refusals inside a scope, huge arguments: {@code ApiMethods} enumerates the methods and
 * {@code ApiFixture} gives each a store), failures that must leave things intact (a full store or
 * file system, a failed format or open, interrupts), locks against a second opener in this JVM
 * and in another process, damaged images refused at open, the heap budget, and the README's
 * example ({@code ReadmeExampleTest}). The classes that are not tests are child-process mains
 * ({@code HoldOpenInAnotherProcess}, {@code OpenFromAnotherProcess}, {@code OpenWithASmallHeap},
 * {@code PersistRacingClose}, {@code ExerciseInThisProcess}) and {@code TempStores}, the
 * containers' paths on tmpfs. docs/TESTING.md has a row per test, with the break it caught.
 */
package org.daxstore;
