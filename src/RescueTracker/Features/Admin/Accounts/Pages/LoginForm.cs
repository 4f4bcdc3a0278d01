using System.ComponentModel.DataAnnotations;

namespace RescueTracker.Features.Admin.Accounts.Pages;

public sealed class LoginForm
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter an email address.")]
    [MaxLength(AccountInput.MaxEmailLength)]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [MaxLength(PasswordRules.MaxLength, ErrorMessage = "Passwords can be at most 128 characters.")]
    public string Password { get; set; } = "";
}
