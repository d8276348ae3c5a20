package dev.tenantpulse.tenancy.catalog;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the catalog JSON format (see the default {@code catalog.json}) and collects every problem
 * before refusing it. Each element is built through its validating constructor; a refusal there
 * becomes one problem prefixed with the element's JSON path.
 */
final class CatalogReader {

  // Floats as BigDecimal: 0.0015 per call must stay exactly that. Duplicate keys in a hand-edited
  // file are a mistake (which value was meant?), so they are refused rather than last-wins.
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private final CatalogJson json = new CatalogJson();

  private CatalogReader() {}

  static PlanCatalog read(InputStream in, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(in);
    } catch (JacksonException e) {
      throw new InvalidCatalogException(
          source, List.of("not valid JSON: " + e.getOriginalMessage()), e);
    }
    return new CatalogReader().read(root, source);
  }

  private PlanCatalog read(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new InvalidCatalogException(source, List.of("the catalog must be a JSON object"));
    }
    json.allowOnly(
        root, "", Set.of("currency", "features", "plans", "onboarding", "billing_meters"));
    Currency currency = currency(root);
    List<Feature> features = features(root);
    List<Plan> plans = plans(root, currency);
    OnboardingSteps onboarding = onboarding(root);
    List<BillingMeter> billingMeters = billingMeters(root);
    if (currency != null) {
      json.problems().addAll(CatalogRules.problems(currency, features, plans));
    }
    json.problems().addAll(CatalogRules.billingMeterProblems(billingMeters));
    if (!json.problems().isEmpty()) {
      throw new InvalidCatalogException(source, json.problems());
    }
    return new PlanCatalog(currency, features, plans, onboarding, billingMeters);
  }

  /** Optional: a catalog without it exports nothing to Stripe. */
  private List<BillingMeter> billingMeters(JsonNode root) {
    List<BillingMeter> meters = new ArrayList<>();
    if (!root.has("billing_meters")) {
      return meters;
    }
    JsonNode array = json.array(root, "", "billing_meters");
    for (int i = 0; array != null && i < array.size(); i++) {
      String path = "billing_meters[" + i + "]";
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        json.problem(path, "must be an object, got " + CatalogJson.kind(node));
        continue;
      }
      json.allowOnly(node, path, Set.of("meter", "stripe_event_name", "unit"));
      String meter = json.string(node, path, "meter");
      String eventName = json.string(node, path, "stripe_event_name");
      JsonNode unit = node.get("unit");
      BigDecimal size = BigDecimal.ONE;
      if (unit != null && !unit.isNumber()) {
        json.problem(CatalogJson.join(path, "unit"), "must be a number");
        continue;
      } else if (unit != null) {
        size = unit.decimalValue();
      }
      BigDecimal finalSize = size;
      if (meter != null && eventName != null) {
        addIfBuilt(meters, build(path, () -> new BillingMeter(meter, eventName, finalSize)));
      }
    }
    return meters;
  }

  private Currency currency(JsonNode root) {
    String code = json.string(root, "", "currency");
    if (code == null) {
      return null;
    }
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      json.problem("currency", "\"" + code + "\" is not an ISO 4217 currency code");
      return null;
    }
  }

  private List<Feature> features(JsonNode root) {
    List<Feature> features = new ArrayList<>();
    JsonNode array = json.array(root, "", "features");
    for (int i = 0; array != null && i < array.size(); i++) {
      String path = "features[" + i + "]";
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        json.problem(path, "must be an object, got " + CatalogJson.kind(node));
        continue;
      }
      json.allowOnly(node, path, Set.of("id", "description"));
      String id = json.string(node, path, "id");
      String description = json.string(node, path, "description");
      if (id != null && description != null) {
        addIfBuilt(features, build(path, () -> new Feature(id, description)));
      }
    }
    return features;
  }

  private List<Plan> plans(JsonNode root, Currency currency) {
    List<Plan> plans = new ArrayList<>();
    JsonNode array = json.array(root, "", "plans");
    for (int i = 0; array != null && i < array.size(); i++) {
      String path = "plans[" + i + "]";
      JsonNode node = array.get(i);
      if (!node.isObject()) {
        json.problem(path, "must be an object, got " + CatalogJson.kind(node));
        continue;
      }
      json.allowOnly(node, path, Set.of("id", "name", "rank", "features", "prices"));
      String id = json.string(node, path, "id");
      String name = json.string(node, path, "name");
      Integer rank = json.integer(node, path, "rank");
      List<String> features = json.strings(node, path, "features");
      Map<BillingModel, Price> prices = prices(node, path, currency);
      if (id != null && name != null && rank != null && features != null && prices != null) {
        addIfBuilt(plans, build(path, () -> new Plan(id, name, rank, features, prices)));
      }
    }
    return plans;
  }

  private Map<BillingModel, Price> prices(JsonNode plan, String planPath, Currency currency) {
    JsonNode object = json.object(plan, planPath, "prices");
    if (object == null) {
      return null;
    }
    String path = planPath + ".prices";
    Map<BillingModel, Price> prices = new EnumMap<>(BillingModel.class);
    boolean complete = true;
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      String pricePath = path + "." + entry.getKey();
      BillingModel model = BillingModel.fromWire(entry.getKey()).orElse(null);
      Price price = model == null ? null : price(model, entry.getValue(), pricePath, currency);
      if (model == null) {
        json.problem(pricePath, "unknown billing model (valid: " + BillingModel.wireNames() + ")");
      }
      complete &= price != null;
      if (price != null) {
        prices.put(model, price);
      }
    }
    return complete ? prices : null;
  }

  private Price price(BillingModel model, JsonNode node, String path, Currency currency) {
    if (!node.isObject()) {
      json.problem(path, "must be an object, got " + CatalogJson.kind(node));
      return null;
    }
    boolean usage = model == BillingModel.USAGE;
    json.allowOnly(node, path, usage ? Set.of("amount", "meter") : Set.of("amount"));
    JsonNode amount = node.get("amount");
    if (amount == null || !amount.isNumber()) {
      json.problem(CatalogJson.join(path, "amount"), "is required and must be a number");
      return null;
    }
    String meter = usage ? json.string(node, path, "meter") : null;
    if (currency == null || (usage && meter == null)) {
      return null;
    }
    BigDecimal value = amount.decimalValue();
    return build(path, () -> new Price(model, value, currency, meter));
  }

  private OnboardingSteps onboarding(JsonNode root) {
    JsonNode node = json.object(root, "", "onboarding");
    if (node == null) {
      return null;
    }
    json.allowOnly(node, "onboarding", Set.of("steps", "value_step", "completion_step"));
    List<String> steps = json.strings(node, "onboarding", "steps");
    String valueStep = json.string(node, "onboarding", "value_step");
    String completionStep = json.string(node, "onboarding", "completion_step");
    if (steps == null || valueStep == null || completionStep == null) {
      return null;
    }
    return build("onboarding", () -> new OnboardingSteps(steps, valueStep, completionStep));
  }

  /**
   * Runs a validating constructor; its refusal becomes a problem at {@code path} (and null), so the
   * remaining elements are still checked.
   */
  private <T> T build(String path, Supplier<T> constructor) {
    try {
      return constructor.get();
    } catch (IllegalArgumentException e) {
      json.problem(path, e.getMessage());
      return null;
    }
  }

  private static <T> void addIfBuilt(List<T> list, T element) {
    if (element != null) {
      list.add(element);
    }
  }
}
