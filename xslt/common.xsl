<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared parts of the cablegram stylesheets: reading the TEI header the same way for every output.
     Functions only (no templates), so that HTML and Typst stylesheets can import it freely. -->
<xsl:stylesheet version="3.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:xs="http://www.w3.org/2001/XMLSchema"
  xmlns:t="http://www.tei-c.org/ns/1.0"
  xmlns:cg="urn:cablegram"
  xmlns:map="http://www.w3.org/2005/xpath-functions/map"
  exclude-result-prefixes="#all">

  <!-- ============================================================ header facts -->
  <xsl:function name="cg:title" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <!-- the main title; an editor's file may have a title without @type, or only a subtitle or an empty
         title beside a full one: the first with text wins, the main title first, subtitles last -->
    <xsl:variable name="titles" select="$tei/t:teiHeader/t:fileDesc/t:titleStmt/t:title[normalize-space()]"/>
    <xsl:variable name="t" select="normalize-space(($titles[@type = 'main'], $titles[not(@type = ('sub', 'alt', 'short', 'desc'))], $titles)[1])"/>
    <!-- a header without a title: the first heading of the text, so that the page is never untitled -->
    <xsl:variable name="head" select="normalize-space(string-join(($tei/t:text//t:head)[1]//text()[not(ancestor::t:note)], ''))"/>
    <xsl:sequence select="if ($t) then $t else if ($head) then $head else '(untitled)'"/>
  </xsl:function>

  <!-- further titles of the titleStmt (subtitles, parallel titles), shown under the title -->
  <xsl:function name="cg:subtitles" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="main" select="cg:title($tei)"/>
    <xsl:sequence select="distinct-values($tei/t:teiHeader/t:fileDesc/t:titleStmt/t:title/normalize-space()[. != ''][. != $main])"/>
  </xsl:function>

  <!-- people named in the titleStmt, by role: author | editor -->
  <xsl:function name="cg:responsible" as="xs:string*">
    <xsl:param name="tei" as="element()"/>
    <xsl:param name="role" as="xs:string"/>
    <xsl:sequence select="$tei/t:teiHeader/t:fileDesc/t:titleStmt/*[local-name() = $role]/normalize-space(string-join(.//text()[not(ancestor::t:email)], ' '))[. != '' and . != '...']"/>
  </xsl:function>

  <!-- the source description of a file another project wrote, as one line (ours has its own facts) -->
  <xsl:function name="cg:source-line" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="normalize-space(string-join($tei/t:teiHeader/t:fileDesc/t:sourceDesc/(t:bibl | t:biblStruct | t:biblFull | t:p | t:msDesc | t:recordingStmt)[not(@type = ('digital-record', 'print-source', 'published-version'))]//text(), ' '))"/>
  </xsl:function>

  <xsl:function name="cg:record" as="element(t:bibl)?">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="($tei/t:teiHeader/t:fileDesc/t:sourceDesc/t:bibl[@type = 'digital-record'])[1]"/>
  </xsl:function>

  <!-- the record date: creation/date, else the record bibl's date -->
  <xsl:function name="cg:date-iso" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="string(($tei/t:teiHeader/t:profileDesc/t:creation/t:date/@when, cg:record($tei)/t:date/@when)[1])"/>
  </xsl:function>

  <xsl:function name="cg:date-label" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="written" select="normalize-space(($tei/t:teiHeader/t:profileDesc/t:creation/t:date, cg:record($tei)/t:date)[1])"/>
    <xsl:sequence select="if ($written) then $written else cg:date-iso($tei)"/>
  </xsl:function>

  <xsl:function name="cg:year" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="substring(cg:date-iso($tei), 1, 4)"/>
  </xsl:function>

  <xsl:function name="cg:parties" as="xs:string">
    <xsl:param name="action" as="element(t:correspAction)?"/>
    <xsl:sequence select="string-join($action/(t:persName | t:orgName)/normalize-space(), ', ')"/>
  </xsl:function>

  <xsl:function name="cg:sender" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="cg:parties(($tei//t:correspDesc/t:correspAction[@type = 'sent'])[1])"/>
  </xsl:function>

  <xsl:function name="cg:recipient" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="cg:parties(($tei//t:correspDesc/t:correspAction[@type = 'received'])[1])"/>
  </xsl:function>

  <xsl:function name="cg:url" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="normalize-space(cg:record($tei)/t:idno[@type = 'URI'][1])"/>
  </xsl:function>

  <xsl:function name="cg:translator" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="string-join(cg:record($tei)/t:respStmt[t:resp/@key = 'translation']/(t:persName | t:name)/normalize-space(), ', ')"/>
  </xsl:function>

  <!-- 'APRF, f. 45, op. 1, d. 339, l. 11': an archival copy as a readable shelfmark -->
  <xsl:function name="cg:shelfmark" as="xs:string">
    <xsl:param name="ms" as="element(t:msDesc)"/>
    <xsl:variable name="id" select="$ms/t:msIdentifier"/>
    <xsl:variable name="labels" select="map{'fond': 'f.', 'opis': 'op.', 'papka': 'p.', 'delo': 'd.'}"/>
    <xsl:sequence select="string-join((
        $id/t:collection[@type = 'named']/normalize-space(),
        normalize-space($id/t:repository),
        for $part in $id/(t:collection | t:idno)[@type = map:keys($labels)]
          return concat($labels($part/@type), ' ', normalize-space($part)),
        $ms/t:msContents/t:msItem/t:locus/normalize-space()), ', ')"
      xmlns:map="http://www.w3.org/2005/xpath-functions/map"/>
  </xsl:function>

  <xsl:function name="cg:shelfmarks" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="string-join($tei/t:teiHeader/t:fileDesc/t:sourceDesc/t:msDesc/cg:shelfmark(.), '; ')"/>
  </xsl:function>

  <!-- ============================================================ citations -->
  <!-- Chicago (notes-bibliography) style, built from the header alone -->
  <xsl:function name="cg:chicago" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="parts" select="(
        concat('“', cg:title($tei), ',”'),
        cg:date-label($tei)[. != ''],
        normalize-space(cg:record($tei)/t:publisher)[. != ''],
        cg:shelfmarks($tei)[. != ''],
        (if (cg:translator($tei)) then concat('translated by ', cg:translator($tei)) else ()),
        cg:url($tei)[. != ''])"/>
    <xsl:sequence select="if (count($parts) = 1) then concat('“', cg:title($tei), '.”')
                          else concat(string-join($parts, ', ') => replace(',”,', ',”'), '.')"/>
  </xsl:function>

  <xsl:function name="cg:bibtex-escape" as="xs:string">
    <xsl:param name="s" as="xs:string"/>
    <xsl:sequence select="replace(replace($s, '([{}&amp;%$#_])', '\\$1'), '\[', '{[}')"/>
  </xsl:function>

  <!-- the document's xml:id, else a key from the first words of its title -->
  <xsl:function name="cg:cite-key" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="if ($tei/@xml:id) then string($tei/@xml:id)
                          else (string-join(subsequence(tokenize(lower-case(replace(cg:title($tei), '[^\p{L}\p{N}]+', ' ')), ' ')[. != ''], 1, 4), '-')[. != ''], 'untitled')[1]"/>
  </xsl:function>

  <xsl:function name="cg:bibtex" as="xs:string">
    <xsl:param name="tei" as="element()"/>
    <xsl:variable name="fields" select="(
        concat('  title = {', cg:bibtex-escape(cg:title($tei)), '}'),
        (if (cg:sender($tei)) then concat('  author = {{', cg:bibtex-escape(cg:sender($tei)), '}}') else ()),
        (if (cg:year($tei)) then concat('  year = {', cg:year($tei), '}') else ()),
        (if (cg:date-iso($tei)) then concat('  date = {', cg:date-iso($tei), '}') else ()),
        (if (cg:record($tei)/t:publisher) then concat('  publisher = {', cg:bibtex-escape(normalize-space(cg:record($tei)/t:publisher)), '}') else ()),
        (if (cg:shelfmarks($tei)) then concat('  note = {', cg:bibtex-escape(cg:shelfmarks($tei)), '}') else ()),
        (if (cg:translator($tei)) then concat('  translator = {', cg:bibtex-escape(cg:translator($tei)), '}') else ()),
        (if (cg:url($tei)) then concat('  url = {', cg:url($tei), '}') else ()))"/>
    <xsl:sequence select="concat('@misc{', cg:cite-key($tei), ',&#10;', string-join($fields, ',&#10;'), '&#10;}')"/>
  </xsl:function>

  <!-- ============================================================ text structure -->
  <xsl:function name="cg:versions" as="element(t:div)*">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:sequence select="$tei/t:text/t:body/t:div"/>
  </xsl:function>

  <!-- the original a translation is read against by default: the one its @corresp names, else the first -->
  <xsl:function name="cg:default-original" as="element(t:div)?">
    <xsl:param name="tei" as="element(t:TEI)"/>
    <xsl:variable name="translation" select="cg:versions($tei)[@type = 'translation'][1]"/>
    <xsl:sequence select="(cg:versions($tei)[@type = 'original'][@xml:id = substring($translation/@corresp, 2)],
                           cg:versions($tei)[@type = 'original'])[1]"/>
  </xsl:function>

  <xsl:function name="cg:version-label" as="xs:string">
    <xsl:param name="div" as="element(t:div)"/>
    <!-- by the primary language subtag: 'ru-Cyrl' is Russian too -->
    <xsl:variable name="lang" select="map{'ru': 'Russian', 'en': 'English', 'zh': 'Chinese', 'ko': 'Korean', 'de': 'German', 'fr': 'French'}(lower-case(tokenize(string($div/@xml:lang), '-')[1]))"/>
    <xsl:sequence select="string-join((
        if ($div/@type = 'translation') then 'Translation' else 'Original',
        ($lang, string($div/@xml:lang))[1],
        if ($div/@subtype) then concat('(', $div/@subtype, ')') else ()), ' ')"/>
  </xsl:function>

  <!-- ============================================================ the TEI text model -->
  <!-- Our own customization (parallel language versions under body) gets the synoptic presentation;
       any other TEI is shown as the flow of its text. Decided by structure, not by who wrote the file, so
       that our TEI edited by hand keeps its view and another project's TEI never loses its text to it. -->
  <xsl:function name="cg:is-cablegram" as="xs:boolean">
    <xsl:param name="tei" as="element()"/>
    <xsl:sequence select="$tei/self::t:TEI and exists($tei/t:text/t:body/t:div)
                          and (every $child in $tei/t:text/t:body/* satisfies $child[self::t:div][@type = ('original', 'translation')])"/>
  </xsl:function>

  <!-- Where a note stands: 'foot' (numbered, its text at the foot or end), 'margin', 'inline', or 'block'
       (a note standing between paragraphs). Without @place, a note inside running text is a footnote and a
       note between blocks is a block. -->
  <xsl:function name="cg:note-place" as="xs:string">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:variable name="place" select="lower-case(normalize-space($note/@place))"/>
    <xsl:sequence select="
      if ($place = ('foot', 'end', 'bottom', 'foot-note', 'footnote', 'endnote')) then 'foot'
      else if (matches($place, '^(margin|left|right|top|opposite|overleaf|marg)')) then 'margin'
      else if ($place = ('inline', 'interlinear', 'above', 'below', 'inspace')) then 'inline'
      else if ($note/parent::*[text()[normalize-space()] or self::t:p or self::t:head or self::t:l or self::t:item
               or self::t:cell or self::t:ab or self::t:seg or self::t:hi or self::t:label or self::t:dateline
               or self::t:salute or self::t:signed or self::t:title or self::t:q or self::t:quote[not(t:p | t:lg | t:l | t:ab)]])
        then 'foot'
      else 'block'"/>
  </xsl:function>

  <!-- footnotes are numbered per language version in our TEI, per text elsewhere -->
  <xsl:function name="cg:note-scope" as="element()">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:sequence select="($note/ancestor::t:div[parent::t:body][@type = ('original', 'translation')][cg:is-cablegram(../../..)],
                           $note/ancestor::t:text[last()], root($note)/*)[1]"/>
  </xsl:function>

  <xsl:function name="cg:footnotes" as="element(t:note)*">
    <xsl:param name="scope" as="element()"/>
    <xsl:sequence select="$scope//t:note[cg:note-place(.) = 'foot'][cg:note-scope(.) is $scope]"/>
  </xsl:function>

  <!-- the number of every footnote of a scope, computed once per scope (not once per note) -->
  <xsl:function name="cg:footnote-numbers" as="map(xs:string, xs:integer)" cache="yes">
    <xsl:param name="scope" as="element()"/>
    <xsl:variable name="notes" select="cg:footnotes($scope)"/>
    <xsl:sequence select="map:merge(for $i in 1 to count($notes) return map{generate-id($notes[$i]): $i})"/>
  </xsl:function>

  <xsl:function name="cg:note-number" as="xs:integer">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:sequence select="(cg:footnote-numbers(cg:note-scope($note))(generate-id($note)), 0)[1]"/>
  </xsl:function>

  <!-- a footnote's id stem, unique in the page: the version's id in our TEI, else the text's position -->
  <xsl:function name="cg:note-id" as="xs:string">
    <xsl:param name="note" as="element(t:note)"/>
    <xsl:variable name="scope" select="cg:note-scope($note)"/>
    <xsl:variable name="stem" select="if ($scope/self::t:div) then string($scope/@xml:id)
                                      else concat('t', count($scope/preceding::t:text[not(ancestor::t:text)]) + 1)"/>
    <xsl:sequence select="concat($stem, '-', cg:note-number($note))"/>
  </xsl:function>

  <!-- @rend as lower-case tokens: 'italic bold', 'font-style:italic', 'sup' … -->
  <xsl:function name="cg:rend" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="tokenize(lower-case(normalize-space(string($e/@rend))), '[\s;,]+')[. != '']"/>
  </xsl:function>

  <!-- the presentation a @rend asks for, from a small vocabulary shared by both outputs -->
  <xsl:function name="cg:rend-styles" as="xs:string*">
    <xsl:param name="e" as="element()"/>
    <xsl:variable name="styles" select="map{
        'italic': 'italic', 'italics': 'italic', 'i': 'italic', 'it': 'italic', 'font-style:italic': 'italic', 'slanted': 'italic',
        'bold': 'bold', 'b': 'bold', 'strong': 'bold', 'font-weight:bold': 'bold',
        'underline': 'underline', 'underlined': 'underline', 'u': 'underline', 'ul': 'underline', 'text-decoration:underline': 'underline',
        'sup': 'sup', 'super': 'sup', 'superscript': 'sup', 'vertical-align:super': 'sup',
        'sub': 'sub', 'subscript': 'sub', 'vertical-align:sub': 'sub',
        'smallcaps': 'smallcaps', 'small-caps': 'smallcaps', 'sc': 'smallcaps', 'font-variant:small-caps': 'smallcaps',
        'strikethrough': 'strike', 'strike': 'strike', 'line-through': 'strike', 'overstrike': 'strike', 'text-decoration:line-through': 'strike',
        'caps': 'caps', 'uppercase': 'caps', 'allcaps': 'caps', 'spaced': 'spaced', 'letterspace': 'spaced', 'gothic': 'bold',
        'center': 'center', 'centre': 'center', 'centered': 'center', 'right': 'right', 'align(right)': 'right', 'blockquote': 'indent', 'indent': 'indent'}"/>
    <xsl:sequence select="distinct-values(for $token in cg:rend($e) return $styles($token))"/>
  </xsl:function>

  <!-- a heading's level in the page: 2 for a top-level division (the page's title is 1), at most 6 -->
  <xsl:function name="cg:head-level" as="xs:integer">
    <xsl:param name="head" as="element()"/>
    <xsl:sequence select="min((6, 1 + count($head/ancestor::*[self::t:div or matches(local-name(), '^div[1-7]$')])
                                 + count($head/ancestor::t:TEI[parent::t:teiCorpus])))"/>
  </xsl:function>

  <!-- Does an element hold blocks (paragraphs, lists, tables …) rather than running text? -->
  <xsl:function name="cg:holds-blocks" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/(t:p | t:ab | t:lg | t:l | t:list | t:table | t:div | t:div1 | t:div2 | t:div3 | t:figure | t:sp | t:floatingText
                                    | t:quote[cg:holds-blocks(.)] | t:cit[cg:holds-blocks(.)] | t:opener | t:closer | t:postscript | t:listBibl | t:castList
                                    | t:titlePage | t:docTitle | t:titlePart | t:byline | t:docAuthor | t:docDate | t:docImprint | t:docEdition))
                          and not($e/text()[normalize-space()])"/>
  </xsl:function>

  <!-- Is an element one of several in a parent without text of its own (readings of an app, parts of a
       subst)? Then the outputs set it apart from its predecessor with a space. -->
  <xsl:function name="cg:among-elements" as="xs:boolean">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="exists($e/preceding-sibling::*) and exists($e/..) and not($e/../text()[normalize-space()])"/>
  </xsl:function>

  <!-- the reading a choice offers first (correction, regularisation, expansion), then its alternatives -->
  <xsl:function name="cg:choice-reading" as="element()?">
    <xsl:param name="choice" as="element(t:choice)"/>
    <xsl:sequence select="($choice/t:corr, $choice/t:reg, $choice/t:expan, $choice/t:ex, $choice/*)[1]"/>
  </xsl:function>

  <!-- a link target that leaves the page: the first http(s) URI of @ref/@target, else '' -->
  <xsl:function name="cg:web-link" as="xs:string">
    <xsl:param name="e" as="element()"/>
    <xsl:sequence select="string((for $t in tokenize(normalize-space(string(($e/@target, $e/@ref)[1])), ' ') return $t[matches(., '^https?://[^\s&quot;&lt;&gt;]+$')])[1])"/>
  </xsl:function>

  <!-- ============================================================ synoptic rows -->
  <!-- Rows of a synopsis, shared by the HTML and print editions: the opener; then each original unit with
       the translation units that point to it first; an original unit whose counterparts already stand in an
       earlier row joins that row (a paragraph the translator merged); translation units pointing to no unit
       of this original get rows of their own, in their order; then closer and endorsements.
       @left/@right hold generate-id()s; cg:row-nodes() turns them back into nodes. -->
  <xsl:function name="cg:synopsis-rows" as="element(cg:row)*">
    <xsl:param name="original" as="element(t:div)"/>
    <xsl:param name="translation" as="element(t:div)"/>
    <xsl:variable name="o-units" select="$original/t:div[@type = 'message']/t:p"/>
    <xsl:variable name="t-units" select="$translation/t:div[@type = 'message']/t:p"/>
    <xsl:variable name="o-ids" select="$o-units/@xml:id/string()"/>
    <xsl:variable name="targets" select="map:merge(for $u in $t-units return map{generate-id($u):
        (for $c in tokenize(normalize-space($u/@corresp), ' ') return substring($c, 2))[. = $o-ids]})"/>
    <xsl:variable name="anchor" select="map:merge(for $u in $t-units return map{generate-id($u): string($targets(generate-id($u))[1])})"/>
    <!-- original unit id -> the id of the earlier original unit whose row it joins -->
    <xsl:variable name="host" select="map:merge(for $o in $o-units
        return let $id := string($o/@xml:id),
                   $linked := $t-units[$targets(generate-id(.)) = $id],
                   $elsewhere := $linked[$anchor(generate-id(.)) != $id]
               return if (exists($linked) and count($elsewhere) = count($linked)) then map{$id: $anchor(generate-id($elsewhere[1]))} else ())"/>
    <cg:row part="opener"/>
    <xsl:for-each select="$t-units[$anchor(generate-id(.)) = ''][empty(preceding-sibling::t:p[$anchor(generate-id(.)) != ''])]">
      <cg:row right="{generate-id(.)}"/>
    </xsl:for-each>
    <xsl:for-each select="$o-units[not(map:contains($host, string(@xml:id)))]">
      <xsl:variable name="id" select="string(@xml:id)"/>
      <xsl:variable name="guests" select="$o-units[$host(string(@xml:id)) = $id]"/>
      <xsl:variable name="mine" select="$t-units[$anchor(generate-id(.)) = $id]"/>
      <cg:row left="{(., $guests)/generate-id()}" right="{$mine/generate-id()}"/>
      <xsl:for-each select="$mine[last()]/following-sibling::t:p">
        <xsl:variable name="here" select="."/>
        <xsl:if test="$anchor(generate-id(.)) = '' and empty($mine[last()]/following-sibling::t:p[. &lt;&lt; $here][$anchor(generate-id(.)) != ''])">
          <cg:row right="{generate-id(.)}"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:if test="empty($o-units)">
      <xsl:for-each select="$t-units[$anchor(generate-id(.)) != '']"><cg:row right="{generate-id(.)}"/></xsl:for-each>
    </xsl:if>
    <cg:row part="closer"/>
    <cg:row part="endorsements"/>
  </xsl:function>

  <!-- rows of a single version (no counterpart): opener, one row per unit, closer, endorsements -->
  <xsl:function name="cg:single-rows" as="element(cg:row)*">
    <xsl:param name="version" as="element(t:div)"/>
    <xsl:param name="side" as="xs:string"/>
    <cg:row part="opener"/>
    <xsl:for-each select="$version/t:div[@type = 'message']/t:p">
      <cg:row><xsl:attribute name="{$side}" select="generate-id()"/></cg:row>
    </xsl:for-each>
    <cg:row part="closer"/>
    <cg:row part="endorsements"/>
  </xsl:function>

  <xsl:function name="cg:row-nodes" as="node()*">
    <xsl:param name="row" as="element(cg:row)"/>
    <xsl:param name="side" as="xs:string"/>
    <xsl:param name="version" as="element(t:div)?"/>
    <xsl:variable name="message" select="$version/t:div[@type = 'message']"/>
    <xsl:choose>
      <xsl:when test="empty($version)"/>
      <xsl:when test="$row/@part = 'opener'">
        <xsl:sequence select="$version/node()[not(self::t:div)][self::* or normalize-space()], $message/(t:opener, t:p[1]/preceding-sibling::*[not(self::t:opener)])"/>
      </xsl:when>
      <xsl:when test="$row/@part = 'closer'">
        <xsl:sequence select="$message/(t:p[last()]/following-sibling::*, if (empty(t:p)) then *[not(self::t:opener)] else ())"/>
      </xsl:when>
      <xsl:when test="$row/@part = 'endorsements'"><xsl:sequence select="$version/t:div[@type = 'endorsements']"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="ids" select="tokenize($row/@*[local-name() = $side], ' ')"/>
        <!-- a unit brings what stands between it and the next unit (forme work, page breaks, a table) -->
        <xsl:sequence select="for $p in $message/t:p[generate-id() = $ids]
                              return ($p, $p/following-sibling::*[not(self::t:p)][preceding-sibling::t:p[1] is $p][following-sibling::t:p])"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:function>
</xsl:stylesheet>
