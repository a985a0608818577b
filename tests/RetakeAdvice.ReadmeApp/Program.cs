using RetakeAdvice;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRetakeAdvice(builder.Configuration.GetSection("RetakeAdvice")); // the embedded rules unless configured

var app = builder.Build();
app.MapRetakeAdvice(); // POST /v1/advice and /v1/advice/batch, GET /v1/ruleset: what retake-advice serve answers
app.Run();
