#include "resolve/condition.h"

#include <cctype>

#include "base/numbers.h"

namespace policyc::resolve {

using model::Value;
using model::ValueType;

struct Condition::Node {
  enum class Kind { kOr, kAnd, kNot, kCompare, kFact, kParam, kContact, kInteger, kString, kBoolean };
  Kind kind;
  std::string op;    ///< for kCompare
  std::string text;  ///< name or string literal
  int64_t integer = 0;
  bool boolean = false;
  std::vector<std::shared_ptr<const Node>> children;
};

namespace {

using Node = Condition::Node;
using NodePtr = std::shared_ptr<const Node>;

struct Token {
  enum class Kind { kName, kInteger, kString, kOp, kLParen, kRParen, kEnd } kind;
  std::string text;
  int offset;
};

class Parser {
 public:
  explicit Parser(const std::string& source) : source_(source) {}

  std::optional<Condition> Parse(ConditionError* error) {
    if (source_.size() > kMaxConditionLength) {
      *error = {"the condition is " + std::to_string(source_.size()) + " characters long; a condition is at most " +
                    std::to_string(kMaxConditionLength) + ": name a part of it as a fact of the profile",
                static_cast<int>(kMaxConditionLength)};
      return std::nullopt;
    }
    if (!Tokenise()) {
      *error = error_;
      return std::nullopt;
    }
    NodePtr root = ParseOr();
    if (root && Peek().kind != Token::Kind::kEnd) {
      Fail("unexpected '" + Peek().text + "'", Peek().offset);
      root = nullptr;
    }
    if (!root) {
      *error = error_;
      return std::nullopt;
    }
    return Condition{root, source_};
  }

 private:
  bool Tokenise() {
    size_t i = 0;
    while (i < source_.size()) {
      char c = source_[i];
      int at = static_cast<int>(i);
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++i;
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        size_t j = i;
        while (j < source_.size() && (std::isalnum(static_cast<unsigned char>(source_[j])) ||
                                      source_[j] == '_' || source_[j] == '.' || source_[j] == '-')) {
          ++j;
        }
        tokens_.push_back({Token::Kind::kName, source_.substr(i, j - i), at});
        i = j;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        size_t j = i;
        while (j < source_.size() && std::isdigit(static_cast<unsigned char>(source_[j]))) ++j;
        const std::string digits = source_.substr(i, j - i);
        if (!base::ParseInt64(digits)) {
          return Fail("the number " + digits + " is too large (the largest is 9223372036854775807); "
                      "compare with a number the fact or parameter can have",
                      at);
        }
        tokens_.push_back({Token::Kind::kInteger, digits, at});
        i = j;
      } else if (c == '\'' || c == '"') {
        size_t j = source_.find(c, i + 1);
        if (j == std::string::npos) return Fail("unterminated string", at);
        tokens_.push_back({Token::Kind::kString, source_.substr(i + 1, j - i - 1), at});
        i = j + 1;
      } else if (c == '(') {
        tokens_.push_back({Token::Kind::kLParen, "(", at});
        ++i;
      } else if (c == ')') {
        tokens_.push_back({Token::Kind::kRParen, ")", at});
        ++i;
      } else if (c == '=' || c == '!' || c == '<' || c == '>') {
        std::string op(1, c);
        if (i + 1 < source_.size() && source_[i + 1] == '=') op += '=';
        if (op == "=" || op == "!") return Fail("unknown operator '" + op + "'; use == or !=", at);
        tokens_.push_back({Token::Kind::kOp, op, at});
        i += op.size();
      } else {
        return Fail(std::string("unexpected character '") + c + "'", at);
      }
    }
    tokens_.push_back({Token::Kind::kEnd, "end of condition", static_cast<int>(source_.size())});
    return true;
  }

  bool Fail(const std::string& message, int offset) {
    if (error_.message.empty()) error_ = {message, offset};
    return false;
  }

  const Token& Peek() const { return tokens_[pos_]; }
  bool IsKeyword(const char* word) const {
    return Peek().kind == Token::Kind::kName && Peek().text == word;
  }

  NodePtr Binary(Node::Kind kind, const char* keyword, NodePtr (Parser::*next)()) {
    NodePtr left = (this->*next)();
    while (left && IsKeyword(keyword)) {
      ++pos_;
      NodePtr right = (this->*next)();
      if (!right) return nullptr;
      auto node = std::make_shared<Node>(Node{kind, {}, {}, 0, false, {left, right}});
      left = node;
    }
    return left;
  }

  NodePtr ParseOr() { return Binary(Node::Kind::kOr, "or", &Parser::ParseAnd); }
  NodePtr ParseAnd() { return Binary(Node::Kind::kAnd, "and", &Parser::ParseUnary); }

  /// Enters one level of nesting at `token`; false (reported) past the bound.
  bool Nest(const Token& token) {
    if (++depth_ <= kMaxConditionNesting) return true;
    Fail("the condition nests more than " + std::to_string(kMaxConditionNesting) +
             " levels deep (parentheses and 'not'); write it with fewer levels",
         token.offset);
    return false;
  }

  NodePtr ParseUnary() {
    if (IsKeyword("not")) {
      if (!Nest(Peek())) return nullptr;
      ++pos_;
      NodePtr operand = ParseUnary();
      --depth_;
      if (!operand) return nullptr;
      return std::make_shared<Node>(Node{Node::Kind::kNot, {}, {}, 0, false, {operand}});
    }
    NodePtr left = ParseOperand();
    if (left && Peek().kind == Token::Kind::kOp) {
      std::string op = Peek().text;
      ++pos_;
      NodePtr right = ParseOperand();
      if (!right) return nullptr;
      return std::make_shared<Node>(Node{Node::Kind::kCompare, op, {}, 0, false, {left, right}});
    }
    return left;
  }

  NodePtr ParseOperand() {
    const Token token = Peek();
    switch (token.kind) {
      case Token::Kind::kLParen: {
        if (!Nest(token)) return nullptr;
        ++pos_;
        NodePtr inner = ParseOr();
        --depth_;
        if (!inner) return nullptr;
        if (Peek().kind != Token::Kind::kRParen) {
          Fail("expected ')' before '" + Peek().text + "'", Peek().offset);
          return nullptr;
        }
        ++pos_;
        return inner;
      }
      case Token::Kind::kInteger: {
        ++pos_;
        // Tokenise has made sure it fits.
        const int64_t value = base::ParseInt64(token.text).value_or(0);
        return std::make_shared<Node>(Node{Node::Kind::kInteger, {}, {}, value, false, {}});
      }
      case Token::Kind::kString:
        ++pos_;
        return std::make_shared<Node>(Node{Node::Kind::kString, {}, token.text, 0, false, {}});
      case Token::Kind::kName: {
        if (token.text == "and" || token.text == "or" || token.text == "not") break;
        ++pos_;
        if (token.text == "true" || token.text == "false") {
          return std::make_shared<Node>(
              Node{Node::Kind::kBoolean, {}, {}, 0, token.text == "true", {}});
        }
        if (token.text.rfind("param.", 0) == 0) {
          return std::make_shared<Node>(Node{Node::Kind::kParam, {}, token.text.substr(6), 0, false, {}});
        }
        if (token.text.rfind("contact.", 0) == 0) {
          return std::make_shared<Node>(Node{Node::Kind::kContact, {}, token.text.substr(8), 0, false, {}});
        }
        return std::make_shared<Node>(Node{Node::Kind::kFact, {}, token.text, 0, false, {}});
      }
      default:
        break;
    }
    Fail("expected a fact, a parameter or a value before '" + token.text + "'", token.offset);
    return nullptr;
  }

  const std::string& source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;  ///< parentheses and 'not' open at the token being read
  ConditionError error_;
};

/// An operand's value during evaluation; `literal` marks a string that was
/// written in the condition (and may still read as a duration).
struct Operand {
  std::optional<Value> value;
  bool literal = false;
};

class Evaluator {
 public:
  Evaluator(const NameLookup& lookup, std::vector<EvaluationError>* errors)
      : lookup_(lookup), errors_(errors) {}

  bool Truth(const Node& node) {
    switch (node.kind) {
      case Node::Kind::kOr: {
        bool a = Truth(*node.children[0]);
        bool b = Truth(*node.children[1]);
        return a || b;
      }
      case Node::Kind::kAnd: {
        bool a = Truth(*node.children[0]);
        bool b = Truth(*node.children[1]);
        return a && b;
      }
      case Node::Kind::kNot:
        return !Truth(*node.children[0]);
      case Node::Kind::kCompare:
        return Compare(node);
      default: {
        Operand operand = Eval(node);
        if (!operand.value) return false;
        if (operand.value->type != ValueType::kBoolean) {
          std::string type(model::ValueTypeName(operand.value->type));
          Error("'" + Describe(node) + "' is " + (type[0] == 'i' || type[0] == 'e' ? "an " : "a ") + type +
                ", not true or false; compare it, e.g. " + Describe(node) + " == ...");
          return false;
        }
        return operand.value->boolean;
      }
    }
  }

 private:
  static std::string Describe(const Node& node) {
    switch (node.kind) {
      case Node::Kind::kParam: return "param." + node.text;
      case Node::Kind::kContact: return "contact." + node.text;
      case Node::Kind::kString: return "'" + node.text + "'";
      case Node::Kind::kInteger: return std::to_string(node.integer);
      case Node::Kind::kBoolean: return node.boolean ? "true" : "false";
      default: return node.text;
    }
  }

  void Error(std::string message, std::optional<NameKind> unknown = std::nullopt) {
    errors_->push_back({unknown, std::move(message)});
  }

  Operand Eval(const Node& node) {
    Value v;
    switch (node.kind) {
      case Node::Kind::kFact:
      case Node::Kind::kParam:
      case Node::Kind::kContact: {
        const NameKind kind = node.kind == Node::Kind::kParam     ? NameKind::kParameter
                              : node.kind == Node::Kind::kContact ? NameKind::kContact
                                                                  : NameKind::kFact;
        const char* what = kind == NameKind::kParameter ? "parameter" : kind == NameKind::kContact ? "contact kind" : "fact";
        std::string suggestion;
        auto found = lookup_(node.text, kind, &suggestion);
        if (!found) {
          Error(std::string("unknown ") + what + " '" + node.text + "'" +
                    (suggestion.empty() ? "" : "; did you mean '" + suggestion + "'?"),
                kind);
          return {};
        }
        return {found, false};
      }
      case Node::Kind::kInteger:
        v.type = ValueType::kInteger;
        v.integer = node.integer;
        return {v, true};
      case Node::Kind::kString:
        v.type = ValueType::kString;
        v.text = node.text;
        return {v, true};
      case Node::Kind::kBoolean:
        v.type = ValueType::kBoolean;
        v.boolean = node.boolean;
        return {v, true};
      default: {
        v.type = ValueType::kBoolean;
        v.boolean = Truth(node);
        return {v, false};
      }
    }
  }

  bool Compare(const Node& node) {
    const Node& l = *node.children[0];
    const Node& r = *node.children[1];
    Operand a = Eval(l);
    Operand b = Eval(r);
    if (!a.value || !b.value) return false;
    const std::string& op = node.op;
    auto order = [&](auto x, auto y) {
      if (op == "==") return x == y;
      if (op == "!=") return x != y;
      if (op == "<") return x < y;
      if (op == "<=") return x <= y;
      if (op == ">") return x > y;
      return x >= y;
    };
    ValueType ta = a.value->type, tb = b.value->type;
    if (ta == ValueType::kInteger && tb == ValueType::kInteger) {
      return order(a.value->integer, b.value->integer);
    }
    if (ta == ValueType::kDuration || tb == ValueType::kDuration) {
      bool too_long = false;
      auto as_duration = [&](const Operand& o) -> std::optional<model::Duration> {
        if (o.value->type == ValueType::kDuration) return o.value->duration;
        if (o.value->type != ValueType::kString || !o.literal) return std::nullopt;
        model::DurationError problem;
        auto d = model::ParseDuration(o.value->text, &problem);
        too_long |= problem == model::DurationError::kTooLong;
        return d;
      };
      auto da = as_duration(a), db = as_duration(b);
      if (da && db) return order(da->ApproxMinutes(), db->ApproxMinutes());
      if (too_long) {
        Error("'" + (da ? r : l).text + "' is longer than " + model::kMaxDurationText +
              ", the longest duration policyc reads; compare with a shorter one");
        return false;
      }
    }
    bool a_text = ta == ValueType::kString || ta == ValueType::kEnum;
    bool b_text = tb == ValueType::kString || tb == ValueType::kEnum;
    if (a_text && b_text && (op == "==" || op == "!=")) {
      return order(a.value->text, b.value->text);
    }
    if (ta == ValueType::kBoolean && tb == ValueType::kBoolean && (op == "==" || op == "!=")) {
      return order(a.value->boolean, b.value->boolean);
    }
    Error("cannot compare " + Describe(l) + " (" + std::string(model::ValueTypeName(ta)) +
          ") " + op + " " + Describe(r) + " (" + std::string(model::ValueTypeName(tb)) + ")");
    return false;
  }

  const NameLookup& lookup_;
  std::vector<EvaluationError>* errors_;
};

}  // namespace

std::optional<Condition> ParseCondition(const std::string& source, ConditionError* error) {
  return Parser(source).Parse(error);
}

bool EvaluateCondition(const Condition& condition, const NameLookup& lookup,
                       std::vector<EvaluationError>* errors) {
  size_t before = errors->size();
  bool result = Evaluator(lookup, errors).Truth(*condition.root);
  return errors->size() == before && result;
}

}  // namespace policyc::resolve
