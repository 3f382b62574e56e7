namespace Landscape.Tests.Reference;

/// <summary>A layer of <see cref="ReferenceGraphNetwork"/>, with PyTorch's semantics (DESIGN.md §2b).</summary>
internal abstract record ReferenceLayer;

/// <summary>y = σ(W x + b); a spatial input is flattened in (c, h, w) order first (torch.flatten(x, 1)).</summary>
internal sealed record ReferenceDense(int Units, Activation Activation = Activation.Identity, bool Bias = true) : ReferenceLayer;

/// <summary>y = σ(conv2d(x, W, b, stride, padding)): square kernels, zero padding on every side, floor mode.</summary>
internal sealed record ReferenceConv(int Channels, int Kernel, Activation Activation = Activation.Identity, int Stride = 1, int Padding = 0, bool Bias = true) : ReferenceLayer;

/// <summary>max_pool2d: padded cells are −∞; ties go to the first maximum in row-major window order. Stride 0 = the window size.</summary>
internal sealed record ReferenceMaxPool(int Size, int Stride = 0, int Padding = 0) : ReferenceLayer;

/// <summary>avg_pool2d with count_include_pad = true (divides by Size² everywhere). Stride 0 = the window size.</summary>
internal sealed record ReferenceAvgPool(int Size, int Stride = 0, int Padding = 0) : ReferenceLayer;

/// <summary>Mean over h and w: (c, h, w) → c values.</summary>
internal sealed record ReferenceGlobalAvgPool : ReferenceLayer;

/// <summary>Opens a residual block: the value entering it is the shortcut's input.</summary>
internal sealed record ReferenceResidualBegin : ReferenceLayer;

/// <summary>
/// Closes a residual block: σ(F(x) + S(x)), S the identity or, with <paramref name="Projection"/>, a 1×1 convolution with
/// bias whose stride is the product of the strides inside the block (a dense map with bias for flat values).
/// </summary>
internal sealed record ReferenceResidualEnd(Activation Activation = Activation.Identity, bool Projection = false) : ReferenceLayer;
