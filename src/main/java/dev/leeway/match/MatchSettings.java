package dev.leeway.match;

/**
 * The knobs of matching, with defaults measured on BANKING77 cross-validation (see README).
 *
 * @param embedding the sentence-embedding model, or null to match on words alone
 * @param lexicalWeight how much the TF-IDF part of a feature vector counts against the embedding
 * @param svmCost LIBLINEAR's C: higher fits the examples more tightly
 * @param temperature how sharply classifier margins turn into probabilities
 * @param noneMargin the classifier margin a play must beat before it outweighs "no play fits"
 * @param nearestWeight how much the cosine to a play's closest example adds to its margin
 * @param bm25Weight the share of the Lucene BM25 ranking in the fused confidence when the
 *     classifier is used (nearest-neighbour matching always blends BM25 in)
 * @param similarityFloor the cosine similarity to a play's closest example below which that play's
 *     confidence is discounted steeply
 * @param abstainBelow the confidence under which the answer is "no play fits"
 * @param topK how many plays a result lists
 * @param classifierMaxPlays above this many plays, nearest-neighbour search replaces the
 *     classifier, whose training cost grows with plays times examples
 * @param buildThreads threads used to embed examples while building
 */
public record MatchSettings(
    SentenceEmbedder.Model embedding,
    double lexicalWeight,
    double svmCost,
    double temperature,
    double noneMargin,
    double nearestWeight,
    double bm25Weight,
    double similarityFloor,
    double abstainBelow,
    int topK,
    int classifierMaxPlays,
    int buildThreads) {

  public MatchSettings {
    if (!Double.isFinite(noneMargin)) {
      throw new IllegalArgumentException("noneMargin must be a finite number");
    }
    if (nearestWeight < 0) {
      throw new IllegalArgumentException("nearestWeight must be >= 0");
    }
    if (lexicalWeight < 0 || svmCost <= 0 || temperature <= 0) {
      throw new IllegalArgumentException(
          "lexicalWeight >= 0, svmCost > 0 and temperature > 0 are required");
    }
    if (bm25Weight < 0 || bm25Weight > 1 || abstainBelow < 0 || abstainBelow >= 1) {
      throw new IllegalArgumentException("bm25Weight must be in [0,1] and abstainBelow in [0,1)");
    }
    if (topK < 1 || classifierMaxPlays < 0 || buildThreads < 1) {
      throw new IllegalArgumentException(
          "topK >= 1, classifierMaxPlays >= 0, buildThreads >= 1 are required");
    }
  }

  public static MatchSettings defaults() {
    return new MatchSettings(
        // Measured by 5-fold cross-validation on BANKING77 (README, "How matching works").
        SentenceEmbedder.Model.ALL_MINILM_L6_V2_Q,
        1.0,
        1.0,
        3.0,
        1.0,
        3.0,
        0.0,
        0.30,
        0.55,
        5,
        1000,
        Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  public MatchSettings withEmbedding(SentenceEmbedder.Model model) {
    return toBuilder().embedding(model).build();
  }

  public MatchSettings withAbstainBelow(double threshold) {
    return toBuilder().abstainBelow(threshold).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** A copy of some settings with a few changed; {@link #build()} validates the result. */
  public static final class Builder {
    private SentenceEmbedder.Model embedding;
    private double lexicalWeight;
    private double svmCost;
    private double temperature;
    private double noneMargin;
    private double nearestWeight;
    private double bm25Weight;
    private double similarityFloor;
    private double abstainBelow;
    private int topK;
    private int classifierMaxPlays;
    private int buildThreads;

    private Builder(MatchSettings s) {
      embedding = s.embedding;
      lexicalWeight = s.lexicalWeight;
      svmCost = s.svmCost;
      temperature = s.temperature;
      noneMargin = s.noneMargin;
      nearestWeight = s.nearestWeight;
      bm25Weight = s.bm25Weight;
      similarityFloor = s.similarityFloor;
      abstainBelow = s.abstainBelow;
      topK = s.topK;
      classifierMaxPlays = s.classifierMaxPlays;
      buildThreads = s.buildThreads;
    }

    public Builder embedding(SentenceEmbedder.Model v) {
      embedding = v;
      return this;
    }

    public Builder lexicalWeight(double v) {
      lexicalWeight = v;
      return this;
    }

    public Builder svmCost(double v) {
      svmCost = v;
      return this;
    }

    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    public Builder noneMargin(double v) {
      noneMargin = v;
      return this;
    }

    public Builder nearestWeight(double v) {
      nearestWeight = v;
      return this;
    }

    public Builder bm25Weight(double v) {
      bm25Weight = v;
      return this;
    }

    public Builder similarityFloor(double v) {
      similarityFloor = v;
      return this;
    }

    public Builder abstainBelow(double v) {
      abstainBelow = v;
      return this;
    }

    public Builder classifierMaxPlays(int v) {
      classifierMaxPlays = v;
      return this;
    }

    public MatchSettings build() {
      return new MatchSettings(
          embedding,
          lexicalWeight,
          svmCost,
          temperature,
          noneMargin,
          nearestWeight,
          bm25Weight,
          similarityFloor,
          abstainBelow,
          topK,
          classifierMaxPlays,
          buildThreads);
    }
  }
}
