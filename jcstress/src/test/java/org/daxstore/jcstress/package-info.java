/**
 * The part of the jcstress suite that {@code mvn verify} runs: {@code JcstressIT} runs every
 * jcstress test of the module in sanity mode, once with each ordering of access sections
 * (membarrier where the kernel offers it, and the volatile store). The tests themselves are in
 * the main source set, as jcstress wants.
 */
package org.daxstore.jcstress;
