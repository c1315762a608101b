/**
 * jcstress litmus tests for the Java memory-model orderings Weft relies on.
 *
 * <p>Each class is one litmus test: a few shared variables, two actors, and every
 * possible outcome listed with a verdict. {@code FORBIDDEN} outcomes must never appear
 * (jcstress reports the test as failed if they do); {@code ACCEPTABLE_INTERESTING}
 * outcomes are allowed by the model and are the point of the test when they are seen.
 * Access modes are named as in the style guide: plain, opaque, acquire/release,
 * volatile. Run them with {@code ./weft stress}; see {@code stress/README.md}.
 */
package dev.weft.stress;
