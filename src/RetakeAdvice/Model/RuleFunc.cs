namespace RetakeAdvice.Model;

/// <summary>A compiled expression: a delegate over the profile, the facts and, in per-item parts, the item.</summary>
internal delegate TResult RuleFunc<out TResult>(RetakeProfile profile, AdviceFacts facts, object? item);
