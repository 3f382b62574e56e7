using System;
using System.Collections.Generic;
using System.Threading;
using Landscape.Generators.Common;
using Landscape.Generators.Objective.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Landscape.Generators.Objective;

public sealed partial class ObjectiveGenerator
{
    /// <summary>
    /// Compiles an [Objective] method body into the expression graph of f. Locals and coordinates are resolved by symbol to
    /// the node of their current value (so reassignment is just rebinding, SSA-style); members of the type become
    /// <see cref="Op.Member"/> leaves read at run time; compile-time constants (literals, const locals and fields, integer
    /// constant expressions with C#'s own integer semantics) become <see cref="Op.Constant"/> leaves.
    /// </summary>
    /// <remarks>
    /// Each unsupported construct is reported once, at its own node, and yields the failure marker −1, which its users
    /// propagate silently, so one pass reports every independent problem. Symbols the compiler cannot resolve set
    /// <see cref="Broken"/> instead: the compiler's error is already there.
    /// </remarks>
    private sealed class BodyParser
    {
        private const string ExpressionHint = "the differentiable constructs are + - * /, unary - and +, numeric literals and constants, the type's members, the Math functions of LSG0210 and c ? a : b";
        private const string ConditionHint = "a condition compares values with < <= > >= == != and combines comparisons with && || !";

        private readonly SemanticModel _model;
        private readonly IMethodSymbol _method;
        private readonly INamedTypeSymbol _type;
        private readonly List<DiagnosticInfo> _diagnostics;
        private readonly CancellationToken _cancellationToken;
        private readonly Dictionary<ISymbol, int> _values = new(SymbolEqualityComparer.Default);
        private readonly List<MemberSpec> _members = new();
        private readonly Dictionary<string, int> _memberIds = new(StringComparer.Ordinal);

        public BodyParser(SemanticModel model, IMethodSymbol method, INamedTypeSymbol type, List<DiagnosticInfo> diagnostics, CancellationToken cancellationToken)
        {
            _model = model;
            _method = method;
            _type = type;
            _diagnostics = diagnostics;
            _cancellationToken = cancellationToken;
        }

        /// <summary>The graph of f (value-preserving simplifications only).</summary>
        public ExpressionGraph Graph { get; } = new(preserveValues: true);

        /// <summary>The members read as constants, in order of first use.</summary>
        public IReadOnlyList<MemberSpec> Members => _members;

        /// <summary>True when the compiler reports an error in the body (an unresolved name, a half-typed expression).</summary>
        public bool Broken { get; private set; }

        /// <summary>The node of f, or −1.</summary>
        public int ParseMethod(MethodDeclarationSyntax method)
        {
            for (int i = 0; i < _method.Parameters.Length; i++) _values[_method.Parameters[i]] = Graph.Coordinate(i);

            if (method.ExpressionBody is { } arrow) return Value(arrow.Expression);
            if (method.Body is not { } body)
            {
                Report(DiagnosticDescriptors.MissingReturn, method.Identifier.GetLocation(), _method.Name);
                return -1;
            }

            int before = _diagnostics.Count;
            SyntaxList<StatementSyntax> statements = body.Statements;
            for (int i = 0; i < statements.Count; i++)
            {
                if (i == statements.Count - 1 && statements[i] is ReturnStatementSyntax final)
                {
                    if (final.Expression is null)
                    {
                        Broken = true; // CS0126
                        return -1;
                    }
                    return Value(final.Expression);
                }
                Statement(statements[i]);
            }
            if (_diagnostics.Count == before)
                Report(DiagnosticDescriptors.MissingReturn, method.Identifier.GetLocation(), _method.Name);
            return -1;
        }

        // ------------------------------------------------------------ statements

        private void Statement(StatementSyntax statement)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (statement)
            {
                case LocalDeclarationStatementSyntax declaration:
                    Declaration(declaration);
                    break;
                case ExpressionStatementSyntax expression:
                    ExpressionStatement(expression);
                    break;
                case BlockSyntax block:
                    foreach (StatementSyntax inner in block.Statements) Statement(inner);
                    break;
                case EmptyStatementSyntax:
                    break;
                case ReturnStatementSyntax ret:
                    Report(DiagnosticDescriptors.UnsupportedStatement, ret.ReturnKeyword.GetLocation(), "A 'return' before the end of the method");
                    break;
                case LocalFunctionStatementSyntax function:
                    Report(DiagnosticDescriptors.UnsupportedStatement, function.Identifier.GetLocation(), $"A local function ('{function.Identifier.ValueText}')");
                    break;
                default:
                    Report(DiagnosticDescriptors.UnsupportedStatement, statement.GetFirstToken().GetLocation(), DescribeStatement(statement));
                    break;
            }
        }

        private void Declaration(LocalDeclarationStatementSyntax declaration)
        {
            if (!declaration.UsingKeyword.IsKind(SyntaxKind.None))
            {
                Report(DiagnosticDescriptors.UnsupportedStatement, declaration.UsingKeyword.GetLocation(), "A 'using' declaration");
                return;
            }
            if (declaration.IsConst) return; // const locals are read as constants (GetConstantValue)
            foreach (VariableDeclaratorSyntax variable in declaration.Declaration.Variables)
            {
                if (_model.GetDeclaredSymbol(variable, _cancellationToken) is not ILocalSymbol local || local.Type.TypeKind == TypeKind.Error)
                {
                    Broken = true;
                    continue;
                }
                if (local.IsRef)
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, variable.GetLocation(), $"The ref local '{local.Name}'", "declare locals as double (or bool, for conditions)");
                    _values[local] = -1;
                    continue;
                }
                bool isBool = local.Type.SpecialType == SpecialType.System_Boolean;
                if (!isBool && local.Type.SpecialType != SpecialType.System_Double)
                {
                    Report(DiagnosticDescriptors.UnsupportedExpression, variable.GetLocation(), $"The local '{local.Name}' of type '{local.Type.ToDisplayString()}'", "declare locals as double (or bool, for conditions)");
                    _values[local] = -1;
                    continue;
                }
                if (variable.Initializer is { } initializer) _values[local] = isBool ? Condition(initializer.Value) : Value(initializer.Value);
            }
        }

        private void ExpressionStatement(ExpressionStatementSyntax statement)
        {
            switch (statement.Expression)
            {
                case AssignmentExpressionSyntax assignment:
                    Assignment(assignment);
                    break;
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } unary:
                    Report(DiagnosticDescriptors.UnsupportedExpression, unary.GetLocation(), $"The '{unary.OperatorToken.Text}' operator", "write x = x + 1 (or - 1) instead");
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression } unary:
                    Report(DiagnosticDescriptors.UnsupportedExpression, unary.GetLocation(), $"The '{unary.OperatorToken.Text}' operator", "write x = x + 1 (or - 1) instead");
                    break;
                case InvocationExpressionSyntax invocation when MathPrimitive(invocation) is null:
                    Call(invocation); // reports the unsupported call by name
                    break;
                default:
                    Report(DiagnosticDescriptors.UnsupportedStatement, statement.GetLocation(), "An expression statement whose value is discarded");
                    break;
            }
        }

        private void Assignment(AssignmentExpressionSyntax assignment)
        {
            ExpressionSyntax left = assignment.Left;
            if (left is TupleExpressionSyntax or DeclarationExpressionSyntax)
            {
                Report(DiagnosticDescriptors.UnsupportedExpression, left.GetLocation(), "A deconstruction", "assign each local in its own statement");
                return;
            }
            ISymbol? target = _model.GetSymbolInfo(left, _cancellationToken).Symbol;
            switch (target)
            {
                case null:
                    if (left is ElementAccessExpressionSyntax)
                        Report(DiagnosticDescriptors.UnsupportedExpression, left.GetLocation(), $"Assignment to the element '{Snippet(left)}'", "assign only locals and coordinates");
                    else Broken = true;
                    return;
                case ILocalSymbol:
                case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method):
                    break;
                case IFieldSymbol or IPropertySymbol or IParameterSymbol or IEventSymbol:
                    Report(DiagnosticDescriptors.AssignmentToMember, left.GetLocation(), Snippet(left));
                    return;
                case IDiscardSymbol:
                    Report(DiagnosticDescriptors.UnsupportedExpression, left.GetLocation(), "A discard assignment", "assign only locals and coordinates");
                    return;
                default:
                    Report(DiagnosticDescriptors.UnsupportedExpression, left.GetLocation(), $"Assignment to '{Snippet(left)}'", "assign only locals and coordinates");
                    return;
            }

            bool isBool = target is ILocalSymbol { Type.SpecialType: SpecialType.System_Boolean };
            SyntaxKind kind = assignment.Kind();
            if (kind == SyntaxKind.SimpleAssignmentExpression)
            {
                _values[target] = isBool ? Condition(assignment.Right) : Value(assignment.Right);
                return;
            }
            if (isBool || kind is not (SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression or SyntaxKind.MultiplyAssignmentExpression or SyntaxKind.DivideAssignmentExpression))
            {
                Report(DiagnosticDescriptors.UnsupportedExpression, assignment.OperatorToken.GetLocation(), $"The '{assignment.OperatorToken.Text}' operator", "the compound assignments are += -= *= /= on double locals");
                _values[target] = -1;
                return;
            }
            if (!_values.TryGetValue(target, out int current))
            {
                Broken = true; // CS0165: read before assignment
                return;
            }
            int right = Value(assignment.Right);
            _values[target] = current < 0 || right < 0 ? -1 : kind switch
            {
                SyntaxKind.AddAssignmentExpression => Graph.Add(current, right),
                SyntaxKind.SubtractAssignmentExpression => Graph.Subtract(current, right),
                SyntaxKind.MultiplyAssignmentExpression => Graph.Multiply(current, right),
                _ => Graph.Divide(current, right),
            };
        }

        // ------------------------------------------------------------ double-valued expressions

        /// <summary>The node of a double-valued (or numeric, converted to double) expression, or −1.</summary>
        private int Value(ExpressionSyntax expression)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Optional<object?> constant = _model.GetConstantValue(expression, _cancellationToken);
            if (constant.HasValue)
            {
                if (TryNumber(constant.Value, out double number)) return Graph.Constant(number);
                return Unsupported(expression, $"The constant '{Snippet(expression)}'", "a numeric value is expected here");
            }

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Value(parenthesized.Expression);
                case CheckedExpressionSyntax checkedExpression:
                    return Value(checkedExpression.Expression);
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppress:
                    return Value(suppress.Operand);
                case IdentifierNameSyntax:
                case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression }:
                    return Name(expression, wantBool: false);
                case BinaryExpressionSyntax binary:
                    return Binary(binary);
                case PrefixUnaryExpressionSyntax unary:
                    return Prefix(unary);
                case PostfixUnaryExpressionSyntax postfix:
                    return Unsupported(postfix, $"The '{postfix.OperatorToken.Text}' operator", "write x = x + 1 (or - 1) in its own statement");
                case ConditionalExpressionSyntax conditional:
                {
                    // Any numeric type: converting the chosen branch to double equals choosing between the converted
                    // branches, so an int-typed c ? n : 2 is as exact as a double one.
                    if (!IsNumeric(_model.GetTypeInfo(conditional, _cancellationToken).Type?.SpecialType ?? SpecialType.None)) return NotDouble(conditional);
                    int condition = Condition(conditional.Condition);
                    int whenTrue = Value(conditional.WhenTrue);
                    int whenFalse = Value(conditional.WhenFalse);
                    return condition < 0 || whenTrue < 0 || whenFalse < 0 ? -1 : Graph.Conditional(condition, whenTrue, whenFalse);
                }
                case InvocationExpressionSyntax invocation:
                    return Call(invocation);
                case CastExpressionSyntax cast:
                    return Cast(cast);
                case AssignmentExpressionSyntax assignment:
                    return Unsupported(assignment, "An assignment used as a value", "assign in its own statement");
                default:
                    return Unsupported(expression, DescribeExpression(expression), ExpressionHint);
            }
        }

        private int Binary(BinaryExpressionSyntax binary)
        {
            SyntaxKind kind = binary.Kind();
            if (kind is SyntaxKind.AddExpression or SyntaxKind.SubtractExpression or SyntaxKind.MultiplyExpression or SyntaxKind.DivideExpression)
            {
                if (!IsDouble(binary)) return NotDouble(binary);
                int left = Value(binary.Left);
                int right = Value(binary.Right);
                if (left < 0 || right < 0) return -1;
                return kind switch
                {
                    SyntaxKind.AddExpression => Graph.Add(left, right),
                    SyntaxKind.SubtractExpression => Graph.Subtract(left, right),
                    SyntaxKind.MultiplyExpression => Graph.Multiply(left, right),
                    _ => Graph.Divide(left, right),
                };
            }
            if (kind == SyntaxKind.ModuloExpression)
                return Unsupported(binary, "The '%' operator", "the remainder has no useful derivative; " + ExpressionHint);
            return Unsupported(binary, $"The '{binary.OperatorToken.Text}' operator", ExpressionHint);
        }

        private int Prefix(PrefixUnaryExpressionSyntax unary)
        {
            switch (unary.Kind())
            {
                case SyntaxKind.UnaryMinusExpression:
                {
                    if (!IsDouble(unary)) return NotDouble(unary);
                    int operand = Value(unary.Operand);
                    return operand < 0 ? -1 : Graph.Negate(operand);
                }
                case SyntaxKind.UnaryPlusExpression:
                    return IsDouble(unary) ? Value(unary.Operand) : NotDouble(unary);
                case SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression:
                    return Unsupported(unary, $"The '{unary.OperatorToken.Text}' operator", "write x = x + 1 (or - 1) in its own statement");
                default:
                    return Unsupported(unary, $"The '{unary.OperatorToken.Text}' operator", ExpressionHint);
            }
        }

        private int Cast(CastExpressionSyntax cast)
        {
            ITypeSymbol? target = _model.GetTypeInfo(cast.Type, _cancellationToken).Type;
            if (target is null || target.TypeKind == TypeKind.Error)
            {
                Broken = true;
                return -1;
            }
            if (target.SpecialType == SpecialType.System_Double) return Value(cast.Expression);
            return Unsupported(cast, $"A cast to '{target.ToDisplayString()}'", "rounding to another type is not differentiable; only casts to double are supported");
        }

        /// <summary>A Math call the table supports: Math.X with double parameters and result.</summary>
        private Primitive? MathPrimitive(InvocationExpressionSyntax invocation)
        {
            if (_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol method) return null;
            if (method.ContainingType?.ToDisplayString() != "System.Math" || method.ReturnType.SpecialType != SpecialType.System_Double) return null;
            foreach (IParameterSymbol parameter in method.Parameters)
                if (parameter.Type.SpecialType != SpecialType.System_Double || parameter.RefKind != RefKind.None) return null;
            return Derivatives.FindMathFunction(method.Name, method.Parameters.Length);
        }

        private int Call(InvocationExpressionSyntax invocation)
        {
            if (_model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol method)
            {
                Broken = true;
                return -1;
            }
            Primitive? primitive = MathPrimitive(invocation);
            if (primitive is null)
            {
                string supported = string.Join(", ", MathNames());
                Report(DiagnosticDescriptors.UnsupportedCall, invocation.GetLocation(), method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), supported);
                return -1;
            }

            // Arguments by parameter (named arguments may come in any order).
            var arguments = new int[method.Parameters.Length];
            for (int i = 0; i < arguments.Length; i++) arguments[i] = -1;
            int position = 0;
            bool failed = false;
            foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
            {
                int index = position++;
                if (argument.NameColon is { } nameColon)
                {
                    index = -1;
                    for (int p = 0; p < method.Parameters.Length; p++)
                        if (method.Parameters[p].Name == nameColon.Name.Identifier.ValueText) index = p;
                }
                if (index < 0 || index >= arguments.Length)
                {
                    Broken = true;
                    return -1;
                }
                arguments[index] = Value(argument.Expression);
                failed |= arguments[index] < 0;
            }
            if (failed) return -1;
            foreach (int argument in arguments)
            {
                if (argument < 0)
                {
                    Broken = true;
                    return -1;
                }
            }
            return primitive.Op switch
            {
                Op.Pow => Graph.Pow(arguments[0], arguments[1]),
                Op.Max or Op.Min => Graph.MaxMin(primitive.Op, arguments[0], arguments[1]),
                _ => Graph.Function(primitive.Op, arguments[0]),
            };
        }

        // ------------------------------------------------------------ names: locals, coordinates, members

        /// <summary>A simple name or member access: a local, a coordinate, or a member read as a constant.</summary>
        private int Name(ExpressionSyntax expression, bool wantBool)
        {
            ISymbol? symbol = _model.GetSymbolInfo(expression, _cancellationToken).Symbol;
            switch (symbol)
            {
                case null:
                    Broken = true;
                    return -1;
                case ILocalSymbol local:
                    if (_values.TryGetValue(local, out int value)) return value;
                    Broken = true; // CS0165: read before assignment
                    return -1;
                case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, _method):
                    return _values[parameter];
                case IParameterSymbol parameter when parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.Constructor } constructor
                                                     && SymbolEqualityComparer.Default.Equals(constructor.ContainingType, _type):
                    // A primary-constructor parameter of a class or struct: in scope, by its bare name, in every part of the type.
                    return MemberRead(expression, SymbolFacts.EscapeIdentifier(parameter.Name), parameter.Type, wantBool, isBareName: true);
                case IFieldSymbol or IPropertySymbol:
                {
                    string? read = MemberExpression(expression, symbol, out string? reason);
                    if (read is null)
                    {
                        Report(DiagnosticDescriptors.UnsupportedMember, expression.GetLocation(), Snippet(expression), reason!);
                        return -1;
                    }
                    ITypeSymbol type = symbol is IFieldSymbol field ? field.Type : ((IPropertySymbol)symbol).Type;
                    return MemberRead(expression, read, type, wantBool, isBareName: false);
                }
                case IMethodSymbol:
                    Report(DiagnosticDescriptors.UnsupportedMember, expression.GetLocation(), Snippet(expression), "it is a method group; call a supported Math function instead");
                    return -1;
                default:
                    Report(DiagnosticDescriptors.UnsupportedMember, expression.GetLocation(), Snippet(expression), $"it is a {symbol.Kind.ToString().ToLowerInvariant()}, not a numeric value");
                    return -1;
            }
        }

        /// <summary>
        /// How generated code (inside the type) reads a field or property as written: <c>this.A</c> for instance members of
        /// this type (implicit or explicit this; base.A for base), the <c>global::</c>-qualified name for static members,
        /// and chains of those (<c>this.Settings.Scale</c>). Null with a reason for anything else.
        /// </summary>
        private string? MemberExpression(ExpressionSyntax expression, ISymbol symbol, out string? reason)
        {
            reason = null;
            string name = SymbolFacts.EscapeIdentifier(symbol.Name);
            if (symbol.IsStatic) return symbol.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + name;
            if (expression is IdentifierNameSyntax) return "this." + name;
            if (expression is not MemberAccessExpressionSyntax access)
            {
                reason = "only simple names and member accesses are supported";
                return null;
            }
            switch (access.Expression)
            {
                case ThisExpressionSyntax:
                    return "this." + name;
                case BaseExpressionSyntax:
                    return "base." + name;
            }
            ISymbol? receiver = _model.GetSymbolInfo(access.Expression, _cancellationToken).Symbol;
            if (receiver is IFieldSymbol or IPropertySymbol && access.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax)
            {
                string? prefix = MemberExpression(access.Expression, receiver, out reason);
                return prefix is null ? null : prefix + "." + name;
            }
            reason = receiver is ILocalSymbol or IParameterSymbol
                ? $"it is a member of '{Snippet(access.Expression)}', not of this type; members of the type (this.X) and static members are the constants"
                : "it is a member of another object; members of the type (this.X) and static members are the constants";
            return null;
        }

        private int MemberRead(ExpressionSyntax expression, string read, ITypeSymbol type, bool wantBool, bool isBareName)
        {
            bool isBool = type.SpecialType == SpecialType.System_Boolean;
            if (isBool != wantBool || (!isBool && !IsNumeric(type.SpecialType)))
            {
                string expected = wantBool ? "a condition (bool) is expected here" : $"its type '{type.ToDisplayString()}' is not numeric";
                Report(DiagnosticDescriptors.UnsupportedMember, expression.GetLocation(), Snippet(expression), expected);
                return -1;
            }
            string code = isBool || type.SpecialType == SpecialType.System_Double ? read : "(double)" + read;
            if (!_memberIds.TryGetValue(code, out int id))
            {
                id = _members.Count;
                _members.Add(new MemberSpec(code, OneLineText.Collapse(expression.ToString()), isBool, isBareName));
                _memberIds.Add(code, id);
            }
            return Graph.Member(id);
        }

        // ------------------------------------------------------------ conditions

        /// <summary>The node of a bool condition, or −1.</summary>
        private int Condition(ExpressionSyntax expression)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            Optional<object?> constant = _model.GetConstantValue(expression, _cancellationToken);
            if (constant.HasValue && constant.Value is bool b) return Graph.Bool(b);

            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    return Condition(parenthesized.Expression);
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                {
                    int operand = Condition(not.Operand);
                    return operand < 0 ? -1 : Graph.Not(operand);
                }
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression):
                {
                    int left = Condition(binary.Left);
                    int right = Condition(binary.Right);
                    if (left < 0 || right < 0) return -1;
                    return binary.IsKind(SyntaxKind.LogicalAndExpression) ? Graph.And(left, right) : Graph.Or(left, right);
                }
                case BinaryExpressionSyntax binary when ComparisonOp(binary.Kind()) is { } op:
                {
                    ITypeSymbol? leftType = _model.GetTypeInfo(binary.Left, _cancellationToken).Type;
                    if (leftType?.SpecialType == SpecialType.System_Boolean)
                        return Unsupported(binary, $"Comparing two conditions with '{binary.OperatorToken.Text}'", ConditionHint);
                    int left = Value(binary.Left);
                    int right = Value(binary.Right);
                    return left < 0 || right < 0 ? -1 : Graph.Compare(op, left, right);
                }
                case BinaryExpressionSyntax binary when binary.Kind() is SyntaxKind.BitwiseAndExpression or SyntaxKind.BitwiseOrExpression or SyntaxKind.ExclusiveOrExpression:
                    return Unsupported(binary, $"The '{binary.OperatorToken.Text}' operator on conditions", "use && or ||");
                case IdentifierNameSyntax:
                case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression }:
                    return Name(expression, wantBool: true);
                case IsPatternExpressionSyntax pattern:
                    return Unsupported(pattern, "A pattern ('is ...')", ConditionHint);
                case InvocationExpressionSyntax invocation:
                    return Call(invocation);
                default:
                    return Unsupported(expression, DescribeExpression(expression), ConditionHint);
            }
        }

        private static Op? ComparisonOp(SyntaxKind kind) => kind switch
        {
            SyntaxKind.LessThanExpression => Op.Less,
            SyntaxKind.LessThanOrEqualExpression => Op.LessOrEqual,
            SyntaxKind.GreaterThanExpression => Op.Greater,
            SyntaxKind.GreaterThanOrEqualExpression => Op.GreaterOrEqual,
            SyntaxKind.EqualsExpression => Op.Equal,
            SyntaxKind.NotEqualsExpression => Op.NotEqual,
            _ => null,
        };

        // ------------------------------------------------------------ helpers

        private bool IsDouble(ExpressionSyntax expression) =>
            _model.GetTypeInfo(expression, _cancellationToken).Type?.SpecialType == SpecialType.System_Double;

        /// <summary>An arithmetic expression whose type is not double: integer arithmetic (with C#'s truncating division), float, decimal, or a user-defined operator.</summary>
        private int NotDouble(ExpressionSyntax expression)
        {
            ITypeSymbol? type = _model.GetTypeInfo(expression, _cancellationToken).Type;
            if (type is null || type.TypeKind == TypeKind.Error)
            {
                Broken = true;
                return -1;
            }
            string what = type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
                or SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64
                ? "Integer arithmetic" : "Arithmetic";
            return Unsupported(expression, $"{what} of type '{type.ToDisplayString()}' ('{Snippet(expression)}')",
                "only double arithmetic is differentiated; make an operand double, e.g. (double)n or 2.0");
        }

        private static bool IsNumeric(SpecialType type) => type is SpecialType.System_Double or SpecialType.System_Single
            or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16 or SpecialType.System_Byte
            or SpecialType.System_SByte or SpecialType.System_UInt16 or SpecialType.System_UInt32 or SpecialType.System_UInt64;

        /// <summary>A numeric compile-time constant as the double C# converts it to (float and char included).</summary>
        private static bool TryNumber(object? value, out double number)
        {
            switch (value)
            {
                case double d: number = d; return true;
                case float f: number = f; return true;
                case int i: number = i; return true;
                case long l: number = l; return true;
                case short s: number = s; return true;
                case byte b: number = b; return true;
                case sbyte sb: number = sb; return true;
                case ushort us: number = us; return true;
                case uint ui: number = ui; return true;
                case ulong ul: number = ul; return true;
                case char c: number = c; return true;
                default: number = 0; return false;
            }
        }

        private int Unsupported(SyntaxNode node, string construct, string hint)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, node.GetLocation(), construct, hint);
            return -1;
        }

        private void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, LocationInfo.From(location), arguments));

        private static IEnumerable<string> MathNames()
        {
            foreach (Primitive p in Derivatives.MathFunctions) yield return "Math." + p.MathName;
        }

        /// <summary>The source text of a node on one line, shortened to 60 characters.</summary>
        private static string Snippet(SyntaxNode node)
        {
            string text = OneLineText.Collapse(node.ToString());
            return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
        }

        private static string DescribeExpression(ExpressionSyntax expression) => expression switch
        {
            ElementAccessExpressionSyntax => $"An element access ('{Snippet(expression)}')",
            BaseObjectCreationExpressionSyntax => $"An object creation ('{Snippet(expression)}')",
            AnonymousFunctionExpressionSyntax => "A lambda or anonymous method",
            SwitchExpressionSyntax => "A switch expression (use the conditional operator c ? a : b)",
            IsPatternExpressionSyntax => "A pattern ('is ...')",
            TupleExpressionSyntax => "A tuple",
            ConditionalAccessExpressionSyntax => $"A null-conditional access ('{Snippet(expression)}')",
            ThrowExpressionSyntax => "A throw expression",
            AwaitExpressionSyntax => "An await expression",
            InterpolatedStringExpressionSyntax => "An interpolated string",
            LiteralExpressionSyntax => $"The literal '{Snippet(expression)}'",
            _ => $"The expression '{Snippet(expression)}'",
        };

        private static string DescribeStatement(StatementSyntax statement) => statement switch
        {
            ForStatementSyntax => "A 'for' loop",
            CommonForEachStatementSyntax => "A 'foreach' loop",
            WhileStatementSyntax => "A 'while' loop",
            DoStatementSyntax => "A 'do' loop",
            IfStatementSyntax => "An 'if' statement",
            SwitchStatementSyntax => "A 'switch' statement",
            TryStatementSyntax => "A 'try' statement",
            ThrowStatementSyntax => "A 'throw' statement",
            UsingStatementSyntax => "A 'using' statement",
            LockStatementSyntax => "A 'lock' statement",
            GotoStatementSyntax => "A 'goto' statement",
            BreakStatementSyntax => "A 'break' statement",
            ContinueStatementSyntax => "A 'continue' statement",
            YieldStatementSyntax => "A 'yield' statement",
            LabeledStatementSyntax => "A labeled statement",
            CheckedStatementSyntax => "A 'checked' block",
            UnsafeStatementSyntax => "An 'unsafe' block",
            FixedStatementSyntax => "A 'fixed' statement",
            _ => $"The statement '{Snippet(statement)}'",
        };
    }
}
