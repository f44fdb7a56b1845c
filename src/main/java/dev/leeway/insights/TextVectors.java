package dev.leeway.insights;

/** Turns a text into a unit-length vector, so that the cosine of two is their dot product. */
@FunctionalInterface
public interface TextVectors {
  float[] vector(String text);
}
