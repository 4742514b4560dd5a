using System.Management.Automation;
using B64Hunt.Commands;
using B64Hunt.Model;
using Xunit;

namespace B64Hunt.Tests.Commands
{
    public class ProblemMappingTests
    {
        [Fact]
        public void ProblemBecomesErrorRecordWithStableIdCategoryAndTarget()
        {
            var problem = new Problem("MalformedAuomsRecord", ProblemKind.InvalidData, "No cmdline field.", "syslog:12");
            var record = B64HuntCmdlet.ToErrorRecord(problem);
            Assert.Equal("MalformedAuomsRecord", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidData, record.CategoryInfo.Category);
            Assert.Equal("syslog:12", record.TargetObject);
            Assert.Equal("No cmdline field.", record.ErrorDetails.Message);
        }
    }
}
