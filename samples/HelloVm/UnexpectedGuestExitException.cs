namespace HelloVm;

/// <summary>The guest stopped in a way its code does not (a shutdown, a failed entry, I/O to another port).</summary>
internal sealed class UnexpectedGuestExitException(string message) : Exception(message);
